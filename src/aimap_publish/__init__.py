"""aimap_publish: the bilingual report as print PDF, screen PDF and editable deck."""

__version__ = "0.1.0"
