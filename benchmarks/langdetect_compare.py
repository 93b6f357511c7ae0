"""Compare language detectors on a labelled JSONL corpus ({"text", "lang"} per line).

    python benchmarks/langdetect_compare.py CORPUS.jsonl

Reports accuracy and speed of: the checker's detector (lingua over our languages, with the
script fallback), lingua alone, and py3langid restricted to the same languages (install it
with `pip install py3langid` to include it).
"""
from __future__ import annotations

import argparse
import json
import time

from compliance.languages import LANGUAGES, pipeline_langs
from compliance.languages.detect import LanguageDetector, by_script


def evaluate(name: str, fn, rows) -> None:
    start = time.perf_counter()
    guesses = [fn(r["text"]) for r in rows]
    ms = 1000 * (time.perf_counter() - start) / len(rows)
    right = sum(g == r["lang"] for g, r in zip(guesses, rows))
    wrong = [(r["lang"], g, r["text"][:60]) for g, r in zip(guesses, rows) if g != r["lang"]]
    print(f"{name:34} accuracy {right}/{len(rows)} = {right / len(rows):.3f}   {ms:.2f} ms/post")
    for lang, guess, text in wrong[:6]:
        print(f"    {lang} -> {guess}: {text!r}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    rows = [json.loads(l) for l in open(ap.parse_args().corpus, encoding="utf-8") if l.strip()]
    langs = pipeline_langs()
    ours = LanguageDetector(langs)
    ours.detect("a warm-up sentence so the model is loaded before timing")
    evaluate("checker (lingua + script fallback)", ours.detect, rows)
    lingua = ours._lingua()

    def lingua_alone(text: str) -> str:
        found = lingua.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "?"

    evaluate("lingua alone (low accuracy)", lingua_alone, rows)
    from lingua import Language, LanguageDetectorBuilder

    full = LanguageDetectorBuilder.from_languages(
        *[getattr(Language, LANGUAGES[l].lingua) for l in langs]).build()
    started = time.perf_counter()
    full.detect_language_of("a warm-up sentence so the full models are loaded")
    print(f"lingua full models: {time.perf_counter() - started:.2f} s to load")

    def lingua_full(text: str) -> str:
        found = full.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "?"

    evaluate("lingua alone (full models)", lingua_full, rows)
    evaluate("script alone", by_script, rows)
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        print("py3langid not installed: skipped")
        return
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(langs))
    evaluate("py3langid (same languages)", lambda t: identifier.classify(t)[0], rows)


if __name__ == "__main__":
    main()
