"""Static files in production: WhiteNoise's compressed, hashed storage.

The vendored front-end builds (Leaflet, Chart.js, Bootstrap Italia) end with a
`sourceMappingURL` comment, but their source maps are not vendored (scripts/vendor_assets.py
copies what pages load). Django's manifest storage would refuse collectstatic for the missing
maps, so the comments are left alone: only `url(...)` and `@import` in CSS are rewritten to
hashed names, which is what pages need."""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage

_CSS_PATTERNS = next(patterns for glob, patterns in HashedFilesMixin.patterns if glob == "*.css")


class StaticStorage(CompressedManifestStaticFilesStorage):
    patterns = (("*.css", tuple(p for p in _CSS_PATTERNS if "sourceMappingURL" not in str(p))),)
