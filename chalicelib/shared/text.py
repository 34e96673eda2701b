"""What every piece of text the API stores must be: real Unicode, which UTF-8 can encode."""


def is_unicode_text(text: str) -> bool:
    """False for a string JSON can carry but no text holds: a lone surrogate such as "\ud800",
    which cannot be encoded as UTF-8 (and so cannot be stored or shown)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
