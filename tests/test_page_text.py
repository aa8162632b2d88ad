"""What the search index reads of a built section page (scripts/outputs/page_text.py)."""

from __future__ import annotations

from studysite.outputs.page_text import question_parts

PAGE = """<html><body><nav><h2>Menu</h2><p>Not a question</p></nav>
<article class="md-content__inner md-typeset">
<h1>Section</h1>
<p>Intro before any question.</p>
<h2 id="first">1. First?<a class="headerlink" href="#first">&para;</a></h2>
<p>Short <em>answer</em> with <math><mi>x</mi><mspace/></math>a formula.</p>
<div class="math"><math display="block"><mi>y</mi></math></div>
<p>Related: <a href="#second">2. Second?</a></p>
<p>Topics: <a class="topic">Optimization</a></p>
<details class="answer"><summary>Full answer</summary>
<p>Full text,<br>over two lines &amp; more.</p>
<div class="highlight"><pre><code>print("code")</code></pre></div>
<details class="follow-up"><summary>Why so?</summary><p>Because.</p></details>
<details class="follow-up"><summary>And then?</summary><p>Then this.</p></details>
</details>
<p class="tier-divider" id="beyond-the-core"><strong>Beyond the core: question 2.</strong> Further.</p>
<h2 id="second">2. Second?</h2>
<p>Last short answer.</p>
<aside class="md-source-file">November 29, 2026</aside>
</article>
<footer><p>Footer text</p></footer>
</body></html>"""


def test_each_question_gets_its_parts_and_nothing_else():
    parts = question_parts(PAGE)
    assert list(parts) == ["first", "second"]
    assert parts["first"] == {
        "short": ["Short answer with a formula.", ""],
        "answer": ["Full text, over two lines & more."],
        "follow-ups": ["Why so? Because.", "And then? Then this."],
    }
    # The page's last-changed date, its footer and the divider above the questions beyond
    # the core belong to no question.
    assert parts["second"] == {"short": ["Last short answer."], "answer": [], "follow-ups": []}


def test_a_page_without_questions_has_none():
    assert question_parts("<article><h1>Home</h1><p>Text</p></article>") == {}
