"""`bulletins report OUT --html FILE`: one self-contained HTML page an analyst opens offline.

The page is built from the datasets under OUT (`data`), in sections (`status`, `projects`,
`checks`), each a table and, where a picture says it better, an inline SVG chart (`svg`). No
script, no stylesheet, font or image from elsewhere: a Content-Security-Policy of
`default-src 'none'` says so to the browser, and every piece of document text is escaped.
"""

from pipeline.report.build import build_report as build_report
from pipeline.report.data import Filters as Filters
