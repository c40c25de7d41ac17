"""Engine of the awareness-materials generator: content, templates and catalogs in, PDFs out.

Stages, one module each: ``loader`` (load and validate), ``resolve`` (language, catalog,
hotlines per item), ``htmlrender`` (Jinja2 to HTML), ``pdfwriter`` (WeasyPrint to PDF),
orchestrated by ``build``; ``readback`` reads the PDFs back to prove them.
"""

__version__ = "0.1.0"
