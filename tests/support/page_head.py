"""A web page's head as a crawler or a chat app reads it: its title, canonical link, meta tags and
scripts, parsed by an HTML parser (not by searching the text), so a test sees what a hostile
caption would make of the page, not what the text happens to contain."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageHead:
    title: str = ""
    canonical: str | None = None
    # og:* (written as `property`) and twitter:* (written as `name`) tags, by key.
    meta: dict[str, str] = field(default_factory=dict)
    scripts: list[dict] = field(default_factory=list)
    elements: int = 0  # every start tag in the document, to notice one a value let in

    @property
    def preview(self) -> dict[str, str]:
        """The Open Graph and Twitter card tags only."""
        return {
            key: value for key, value in self.meta.items() if key.startswith(("og:", "twitter:"))
        }


class _HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = PageHead()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.head.elements += 1
        attributes = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and ("property" in attributes or "name" in attributes):
            key = attributes.get("property") or attributes["name"]
            self.head.meta[key] = attributes.get("content", "")
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.head.canonical = attributes.get("href")
        elif tag == "script":
            self.head.scripts.append(attributes)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.head.title += data


def page_head(html: str) -> PageHead:
    reader = _HeadReader()
    reader.feed(html)
    reader.close()
    return reader.head
