"""index.html announces the whole module graph up front, so that the browser fetches every
module at once rather than one level of imports per round trip; and config.json, which main.js
fetches first, is preloaded as exactly the request main.js makes.

A module added, removed or moved without its `<link rel="modulepreload">` would still work, one
round trip later: only this test notices. The list's order is depth first from main.js
(infra/site_modules.py), the order in which main.js needs its modules.
"""

import re
from pathlib import Path

from infra import site_modules

FRONTEND_DIR = Path(__file__).resolve().parents[2] / "frontend"
MODULE_PRELOAD = re.compile(r'<link rel="modulepreload" href="/([^"]+)">')
CONFIG_PRELOAD = '<link rel="preload" href="/config.json" as="fetch" crossorigin>'


def page() -> str:
    return (FRONTEND_DIR / "index.html").read_text(encoding="utf-8")


def test_given_the_module_graph_when_index_html_is_read_then_it_preloads_exactly_it_in_order():
    graph = site_modules.import_graph(FRONTEND_DIR)

    preloaded = MODULE_PRELOAD.findall(page())

    assert preloaded == site_modules.preload_order(graph)


def test_given_index_html_when_read_then_its_preloads_come_before_the_entry_script():
    html = page()
    script = html.index('<script type="module" src="/js/main.js">')

    assert html.index(CONFIG_PRELOAD) < script
    assert all(match.start() < script for match in MODULE_PRELOAD.finditer(html))


def test_given_config_js_when_read_then_it_fetches_the_address_the_page_preloads():
    # Whether Chromium then uses the preload: tests/e2e/test_page_loading.py.
    source = (FRONTEND_DIR / "js" / "services" / "config.js").read_text(encoding="utf-8")

    assert 'const CONFIG_PATH = "/config.json";' in source
    assert "await fetch(CONFIG_PATH" in source
