#!/usr/bin/env python3
"""Print how well and how fast search finds the question a candidate means.

Types each query of QUERIES into the search box of a built site in Chromium, the way a
user does, and reads the result links in order (one question counts once; a generated
copy "dropout-g7" counts as "dropout"). Prints, per site:

  top-1, top-3    share of queries whose expected question is first / in the first three
  index KB        index bytes a page downloads before the user searches (gzipped)
  1st-query KB    search code and index fetched by focusing the box and a first query
  median, p90 ms  time from the last keystroke to the first result for the whole text
                  shown (a query with no result in 5 s counts as 5,000 ms), and the
                  slowest query

Run by `make bench` on the built site and on a generated 3,000-question copy
(big_site.py), built in a temporary folder, or built once into `--big-site DIR` and
reused by later runs (`--reindex` rewrites its search index with this tree's
outputs/search_index.py).

The search code is this tree's docs/assets/search.js and answers.js, served in place of
the built ones. `--variant NAME=SOURCE` adds other versions of those two files (SOURCE: a
folder holding them, or a git revision such as `main`): each variant gets its own
browser context on the same built sites, and the queries alternate between variants one
by one (the order flipping each query), so that a machine's changing load falls on all
of them alike. Service workers are blocked: the offline copy would otherwise download
the whole site in the background while the queries run.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, sync_playwright

from studysite.bench.big_site import make_big_site
from studysite.model.questions import ROOT, load_site, page_url
from studysite.outputs.browser import launch_options, serve
from studysite.outputs.search_index import Indexing

INDEX_PATHS = ("/pagefind/",)
SCRIPTS = ("search.js", "answers.js")  # the search code a variant replaces

# (what a candidate types, the question ids that answer it)
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    ("bias variance", ("bias-variance",)),
    ("bias-variance tradeoff", ("bias-variance",)),
    ("overfitting", ("bias-variance",)),
    ("underfitting", ("bias-variance",)),
    ("L1 vs L2", ("l1-vs-l2",)),
    ("lasso", ("l1-vs-l2",)),
    ("ridge regression", ("l1-vs-l2",)),
    ("weight decay", ("l1-vs-l2",)),
    ("regularisation", ("l1-vs-l2",)),
    ("sparse weights", ("l1-vs-l2",)),
    ("cross validation", ("cross-validation",)),
    ("k-fold", ("cross-validation",)),
    ("kfold", ("cross-validation",)),
    ("imbalanced dataset", ("imbalanced-data",)),
    ("class imbalance", ("imbalanced-data",)),
    ("SMOTE", ("imbalanced-data",)),
    ("oversampling", ("imbalanced-data",)),
    ("curse of dimensionality", ("curse-of-dimensionality",)),
    ("high dimensional data", ("curse-of-dimensionality",)),
    ("nearest neighbour", ("curse-of-dimensionality", "knn")),
    ("backprop", ("backpropagation",)),
    ("chain rule", ("backpropagation",)),
    ("automatic differentiation", ("backpropagation",)),
    ("vanishing gradients", ("vanishing-gradients",)),
    ("sigmoid saturation", ("vanishing-gradients",)),
    ("batch norm", ("batch-vs-layer-norm",)),
    ("batchnorm", ("batch-vs-layer-norm",)),
    ("layer normalisation", ("batch-vs-layer-norm",)),
    ("layernorm", ("batch-vs-layer-norm",)),
    ("dropout", ("dropout",)),
    ("drop out", ("dropout",)),
    ("inverted dropout", ("dropout",)),
    ("attention", ("attention",)),
    ("self-attention", ("attention",)),
    ("scaled dot product", ("attention", "attention-numpy")),
    ("QKV", ("attention",)),
    ("multi-head attention", ("attention",)),
    ("transformer architecture", ("transformer",)),
    ("positional encoding", ("transformer",)),
    ("BERT vs GPT", ("bert-vs-gpt",)),
    ("masked language model", ("bert-vs-gpt",)),
    ("decoder-only", ("bert-vs-gpt",)),
    ("tokenisation", ("tokenization",)),
    ("BPE", ("tokenization",)),
    ("byte pair encoding", ("tokenization",)),
    ("subword", ("tokenization",)),
    ("fine-tuning", ("finetuning-fewshot-rag",)),
    ("finetuning", ("finetuning-fewshot-rag",)),
    ("few shot", ("finetuning-fewshot-rag",)),
    ("in-context learning", ("finetuning-fewshot-rag",)),
    ("LoRA", ("finetuning-fewshot-rag",)),
    ("vector embedding", ("vector-embeddings",)),
    ("cosine similarity", ("vector-embeddings",)),
    ("word2vec", ("vector-embeddings",)),
    ("recommendation system", ("recommender-system",)),
    ("recommender", ("recommender-system",)),
    ("collaborative filtering", ("recommender-system",)),
    ("two-tower", ("recommender-system",)),
    ("deploy model to production", ("model-deployment",)),
    ("canary release", ("model-deployment",)),
    ("shadow deployment", ("model-deployment",)),
    ("model serving", ("model-deployment",)),
    ("RAG chatbot", ("rag-chatbot",)),
    ("customer support", ("rag-chatbot",)),
    ("retrieval augmented generation", ("rag-chatbot", "finetuning-fewshot-rag")),
    ("chunking", ("rag-chatbot",)),
    ("gradient descent", ("gradient-descent",)),
    ("learning rate", ("gradient-descent",)),
    ("mini-batch", ("gradient-descent",)),
    ("mini batch", ("gradient-descent",)),
    ("minibatch", ("gradient-descent",)),
    ("SGD", ("gradient-descent",)),
    ("forward pass", ("forward-pass",)),
    ("neural network from scratch", ("forward-pass",)),
    ("MLP", ("forward-pass",)),
    ("precision recall", ("precision-recall",)),
    ("F1 score", ("precision-recall",)),
    ("PR curve", ("precision-recall",)),
    ("gradient clipping", ("gradient-clipping",)),
    ("exploding gradients", ("gradient-clipping", "vanishing-gradients")),
    ("clip by norm", ("gradient-clipping",)),
    ("transfer learning", ("transfer-learning",)),
    ("pretrained model", ("transfer-learning",)),
    ("pre-trained", ("transfer-learning",)),
    ("data augmentation", ("data-augmentation",)),
    ("mixup", ("data-augmentation",)),
    ("knowledge distillation", ("distillation",)),
    ("teacher student", ("distillation",)),
    ("STAR", ("project-you-led",)),
    ("STAR method", ("project-you-led",)),
    ("project you led", ("project-you-led",)),
    ("behavioural interview", ("project-you-led",)),
    ("model selection", ("model-selection",)),
    ("which model to choose", ("model-selection",)),
    ("model drift", ("model-drift",)),
    ("concept drift", ("model-drift",)),
    ("population stability index", ("model-drift",)),
    ("model not learning", ("debugging-training",)),
    ("loss not decreasing", ("debugging-training",)),
    ("NaN loss", ("debugging-training",)),
    ("stay current", ("staying-current",)),
    ("arXiv papers", ("staying-current",)),
    # Questions 31-60 (the extension).
    ("logistic regression", ("logistic-regression",)),
    ("log loss", ("logistic-regression", "choosing-a-loss")),
    ("sigmoid log odds", ("logistic-regression",)),
    ("decision tree", ("trees-and-boosting",)),
    ("random forest", ("trees-and-boosting",)),
    ("gradient boosting", ("trees-and-boosting",)),
    ("XGBoost", ("trees-and-boosting",)),
    ("bagging vs boosting", ("trees-and-boosting",)),
    ("support vector machine", ("svm",)),
    ("kernel trick", ("svm",)),
    ("hinge loss", ("svm",)),
    ("k-means", ("k-means",)),
    ("kmeans clustering", ("k-means",)),
    ("elbow method", ("k-means",)),
    ("missing values imputation", ("missing-and-categorical",)),
    ("one-hot encoding", ("missing-and-categorical",)),
    ("target encoding", ("missing-and-categorical",)),
    ("p-value", ("p-values-and-power",)),
    ("confidence interval", ("p-values-and-power",)),
    ("type II error", ("p-values-and-power",)),
    ("correlation vs causation", ("causal-inference",)),
    ("confounder", ("causal-inference",)),
    ("difference in differences", ("causal-inference",)),
    ("CNN", ("cnns",)),
    ("convolution receptive field", ("cnns",)),
    ("ResNet", ("cnns",)),
    ("data parallel", ("distributed-training",)),
    ("FSDP", ("distributed-training",)),
    ("mixed precision bf16", ("distributed-training",)),
    ("VAE", ("generative-models",)),
    ("GAN", ("generative-models",)),
    ("diffusion model", ("generative-models",)),
    ("KV cache", ("llm-inference",)),
    ("speculative decoding", ("llm-inference",)),
    ("prefill decode", ("llm-inference",)),
    ("top-p sampling", ("decoding",)),
    ("beam search", ("decoding",)),
    ("temperature", ("decoding",)),
    ("RLHF", ("post-training",)),
    ("DPO", ("post-training",)),
    ("GRPO", ("post-training",)),
    ("hallucination", ("hallucination",)),
    ("A/B test", ("ab-testing",)),
    ("sample size online experiment", ("ab-testing", "p-values-and-power")),
    ("LLM as a judge", ("llm-evaluation",)),
    ("evaluate LLM app", ("llm-evaluation",)),
    ("hybrid search BM25", ("rag-retrieval",)),
    ("reranker", ("rag-retrieval",)),
    ("AI agent tools", ("llm-agents",)),
    ("function calling", ("llm-agents",)),
    ("prompt injection", ("prompt-injection",)),
    ("jailbreak", ("prompt-injection",)),
    ("click-through rate prediction", ("ranking-system",)),
    ("search ranking", ("ranking-system",)),
    ("attention numpy", ("attention-numpy", "attention")),
    ("ROC AUC implementation", ("roc-auc-code",)),
    ("k nearest neighbors", ("knn",)),
    ("quantization int4", ("quantization",)),
    ("data leakage", ("data-leakage",)),
    ("cross entropy vs MSE", ("choosing-a-loss",)),
    ("focal loss", ("choosing-a-loss",)),
    ("tell me about yourself", ("tell-me-about-yourself",)),
    ("time you failed", ("a-failure",)),
    ("disagreement with manager", ("a-conflict",)),
    ("why this company", ("why-this-company",)),
    # Phrases with a word the answer lacks, and spelling variants (issue 19): search falls
    # back to the questions matching most of the words, and one variants table serves both
    # the index and the query.
    ("STAR format", ("project-you-led",)),
    ("loss stuck", ("debugging-training",)),
    ("model degrading over time", ("model-drift",)),
    ("overfitting small dataset tips", ("bias-variance", "data-augmentation")),
    ("why does my loss explode", ("gradient-clipping", "debugging-training")),
    ("how to pick a model", ("model-selection",)),
    ("dropout at test time", ("dropout",)),
    ("attention quadratic cost", ("attention",)),
    ("retrieval for chatbot answers", ("rag-chatbot",)),
    ("shipping a model safely", ("model-deployment",)),
    ("normalise features", ("batch-vs-layer-norm", "missing-and-categorical")),
    ("regularise neural net", ("dropout", "l1-vs-l2")),
    ("optimise learning rate", ("gradient-descent",)),
    ("tokeniser", ("tokenization",)),
    ("behaviour of gradients in deep nets", ("vanishing-gradients",)),
    ("modelling imbalanced classes", ("imbalanced-data",)),
    ("labelling data", ("data-augmentation", "imbalanced-data")),
    ("pre training", ("transfer-learning",)),
    ("fine tuning", ("finetuning-fewshot-rag",)),
    ("multi head attention", ("attention",)),
    ("layer norm", ("batch-vs-layer-norm",)),
    ("back propagation", ("backpropagation",)),
    ("data set shift", ("model-drift",)),
]

WAIT_MS = 5000  # a query with no result by then counts as this slow
# Recorded in the page: the time of the last keystroke, and of the first result shown
# for the whole text in the box (search.js marks the list with the query it answers).
TIMING = """
window.__bench = { typed: 0, shown: 0 };
document.addEventListener("input", () => { __bench.typed = performance.now(); __bench.shown = 0; }, true);
new MutationObserver(() => {
  const list = document.querySelector(".md-search-result__list");
  const box = document.querySelector("input.md-search__input");
  if (!list || !box || __bench.shown || !__bench.typed) return;
  const answered = list.dataset.query === box.value.trim();
  if (answered && list.querySelector("a.md-search-result__link")) __bench.shown = performance.now();
}).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-query"] });
"""


def gzipped_size(site: Path, url: str) -> int:
    path = urlsplit(url).path
    file = site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return len(gzip.compress(file.read_bytes())) if file.is_file() else 0


def result_ids(page: Page) -> list[str]:
    ids: list[str] = []
    for href in page.locator(".md-search-result__list a.md-search-result__link").evaluate_all(
        "as => as.map(a => a.href)"
    ):
        fragment = urlsplit(href).fragment
        question = re.sub(r"-g\d+$", "", fragment)
        if question and question not in ids:
            ids.append(question)
    return ids


def run_query(page: Page, text: str) -> tuple[list[str], float]:
    box = page.locator("input.md-search__input")
    box.fill("")
    page.evaluate("__bench.typed = 0; __bench.shown = 0")
    box.press_sequentially(text, delay=40)
    page.wait_for_function(f"__bench.shown > 0 || performance.now() - __bench.typed > {WAIT_MS}")
    page.wait_for_timeout(300)  # let later results of the same query arrive
    latency = page.evaluate(f"__bench.shown ? __bench.shown - __bench.typed : {WAIT_MS}")
    return result_ids(page), latency


def variant_files(source: str) -> dict[str, bytes]:
    """search.js and answers.js from a folder, or from a git revision of this repository."""
    folder = Path(source)
    if folder.is_dir():
        return {name: (folder / name).read_bytes() for name in SCRIPTS}
    files = {}
    for name in SCRIPTS:
        shown = subprocess.run(["git", "show", f"{source}:docs/assets/{name}"], cwd=ROOT, capture_output=True)
        if shown.returncode:
            raise SystemExit(f"--variant {source}: neither a folder nor a git revision with docs/assets/{name}")
        files[name] = shown.stdout
    return files


def serve_body(body: bytes):
    return lambda route: route.fulfill(body=body, content_type="text/javascript")


def open_page(browser, url: str, site: Path, files: dict[str, bytes]) -> tuple[Page, int, int]:
    """A page of its own context, searched once (not timed); (page, index bytes before
    searching, bytes of search code and index fetched for the first query)."""
    context = browser.new_context(service_workers="block")
    context.add_init_script(TIMING)
    for name, body in files.items():
        context.route(f"**/assets/{name}", serve_body(body))
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(url + "/", wait_until="networkidle")
    before = sum(gzipped_size(site, u) for u in fetched if any(p in u for p in INDEX_PATHS))
    fetched.clear()
    page.locator("input.md-search__input").click()
    page.wait_for_function(
        "!/initiali[sz]ing/i.test(document.querySelector('.md-search-result__meta')?.textContent || '')"
    )
    run_query(page, "gradient")  # the first query also loads the engine: not timed
    first = sum(gzipped_size(site, u) for u in fetched if any(p in u for p in INDEX_PATHS))
    return page, before, first


def measure(site: Path, variants: dict[str, dict[str, bytes]], rounds: int) -> dict[str, dict]:
    """Figures per variant; the queries alternate between variants, in flipping order."""
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        pages, results = {}, {}
        for name, files in variants.items():
            pages[name], before, first = open_page(browser, url, site, files)
            results[name] = {"before": before, "first": first, "hits": [], "latencies": [], "misses": []}
        names = list(variants)
        for turn, (text, expected) in enumerate(QUERIES * rounds):
            for name in names if turn % 2 == 0 else names[::-1]:
                ids, latency = run_query(pages[name], text)
                result = results[name]
                result["latencies"].append((latency, text))
                result["hits"].append((bool(ids[:1]) and ids[0] in expected, any(i in expected for i in ids[:3])))
                if not all(result["hits"][-1]) and turn < len(QUERIES):
                    result["misses"].append(f"{text!r}: expected {'/'.join(expected)}, got {ids[:3]}")
        browser.close()
    for result in results.values():
        latencies = [latency for latency, _ in result["latencies"]]
        result.update(
            top1=sum(top1 for top1, _ in result["hits"]) / len(result["hits"]),
            top3=sum(top3 for _, top3 in result["hits"]) / len(result["hits"]),
            median=statistics.median(latencies),
            p90=statistics.quantiles(latencies, n=10)[-1],
            slowest=max(result["latencies"]),
        )
    return results


def build(project: Path) -> Path:
    site = project / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=project,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"},
    )
    return site


def reindex(project: Path) -> None:
    """Rewrite the search index of a built copy with this tree's search_index.py (the copy
    keeps its own pages and canon.toml)."""
    site = load_site(project / "docs")
    built = {section.page: project / "site" / page_url(section.page) / "index.html" for section in site.sections}
    pages = {page: path.read_text(encoding="utf-8") for page, path in built.items()}
    Indexing(site, pages, project / "site").finish()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: %(default)s)")
    parser.add_argument("--questions", type=int, default=3000, help="size of the generated copy (0: skip it)")
    parser.add_argument(
        "--big-site", type=Path, help="folder of the generated project: built there if it has no site/ yet, else reused"
    )
    parser.add_argument(
        "--reindex", action="store_true", help="rewrite the reused --big-site's index with this tree's search_index.py"
    )
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=SOURCE",
                        help="also measure the search.js and answers.js of a folder or git revision")
    parser.add_argument("--rounds", type=int, default=1, help="times each query is typed (default: %(default)s)")
    parser.add_argument("--misses", action="store_true", help="list the queries that missed")
    parser.add_argument("--slowest", type=int, default=0, metavar="N", help="list the N slowest queries")
    args = parser.parse_args()
    variants = {"this tree": {name: (ROOT / "docs" / "assets" / name).read_bytes() for name in SCRIPTS}}
    for given in args.variant:
        name, _, source = given.partition("=")
        if not source:
            raise SystemExit(f"--variant {given}: write it as NAME=SOURCE")
        variants[name] = variant_files(source)

    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        sites = [("this site", args.site)]
        if args.questions and args.big_site and (args.big_site / "site" / "index.html").exists():
            if args.reindex:
                reindex(args.big_site)
            sites.append((f"{args.questions} questions", args.big_site / "site"))
        elif args.questions:
            big = make_big_site(args.big_site or temp / "big", args.questions)
            sites.append((f"{args.questions} questions", build(big)))

        print(f"{len(QUERIES)} queries, {args.rounds} round(s)")
        print(
            f"{'search code':<14}{'site':<17}{'top-1':>7}{'top-3':>7}{'index KB':>10}{'1st-query KB':>14}"
            f"{'median ms':>11}{'p90 ms':>8}  slowest"
        )
        for site_name, site in sites:
            measured = measure(site, variants, args.rounds)
            for name, result in measured.items():
                print(
                    f"{name:<14}{site_name:<17}{result['top1']:>7.0%}{result['top3']:>7.0%}"
                    f"{result['before'] / 1024:>10.1f}{result['first'] / 1024:>14.1f}"
                    f"{result['median']:>11.0f}{result['p90']:>8.0f}"
                    f"  {result['slowest'][1]!r} {result['slowest'][0]:.0f} ms",
                    flush=True,
                )
                if args.misses:
                    for miss in result["misses"]:
                        print("    miss", miss)
                for latency, text in sorted(result["latencies"], reverse=True)[: args.slowest]:
                    print(f"    slow {text!r} {latency:.0f} ms")
    print("index KB: downloaded by a page before the user searches; ms: last keystroke to first result")
    return 0


if __name__ == "__main__":
    sys.exit(main())
