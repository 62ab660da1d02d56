"""Bulletins in, datasets out: interpretation, normalisation, validation and writing.

Knows bulletins, not file formats: it reads `parsers.Document`s and never imports a format
library.
"""

__version__ = "0.1.0"
