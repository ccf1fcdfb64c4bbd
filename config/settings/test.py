"""Test settings: the same as base; only speed-ups that do not change behaviour."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")  # the browser tests talk plain HTTP to the live server

from .base import *  # noqa: F403
from .base import BASE_DIR, PASSWORD_HASHERS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
MEDIA_ROOT = BASE_DIR / ".test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Jobs run inside enqueue() in unit tests; tests/jobs/test_worker.py runs the real database
# queue and worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
