"""What the per-language tests share: a post's findings, each checked to point into the text."""


def findings(checker, text, lang):
    """The violations of `text` checked as `lang`, without `info` notes (a regex that ran out
    of time on a busy machine); each one's match is asserted to be `text[start:end]`."""
    found = [v for v in checker.check(text, lang=lang).violations if v.severity != "info"]
    for v in found:
        assert text[v.start:v.end] == v.match
    return found


def categories(checker, text, lang):
    return {v.category for v in findings(checker, text, lang)}
