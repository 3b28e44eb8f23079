"""The status report escapes plan text as ``html.escape`` does (quotes too), without importing ``html``."""

from __future__ import annotations

import html
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from board.interchange.report_charts import escape


@given(st.text())
def test_escape_is_html_escape(text: str) -> None:
    assert escape(text) == html.escape(text)


def test_the_report_escapes_markup_and_quotes() -> None:
    assert escape("""<b a="1">Tom & 'Jerry'</b>""") == "&lt;b a=&quot;1&quot;&gt;Tom &amp; &#x27;Jerry&#x27;&lt;/b&gt;"


def test_the_html_report_does_not_import_the_html_package() -> None:
    script = "import sys; import board.interchange.html_report; print('html' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"
