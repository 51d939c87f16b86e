"""Realistic dossiers for the tests, made the way applicants make them.

One module per family of pieces (budget workbooks, scans, techniques, associations' papers,
bundled scans): office exports through LibreOffice, workbooks saved with values, scans with
noise and skew, phone photos. The variety lives here, not in ``samples/``, which stays small.
"""
