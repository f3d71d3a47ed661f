"""Deduplication and story clustering: exact duplicates by content hash, syndicated rewrites
by MinHash LSH over word shingles, the LSH index held in the database.

``fingerprint`` (pure: shingles, signatures, band hashes), ``options`` (settings),
``index`` (the database-held LSH index, run inside the store transaction), ``pipeline``
(the Scrapy stage that computes signatures).
"""
