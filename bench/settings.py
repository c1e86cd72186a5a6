"""The portal's settings plus one trivial view (``bench.urls``), the baseline of B4.

Everything else comes from the environment exactly as in production; ``bench/stack.py`` sets
PostgreSQL, Redis, DEBUG=false and a temporary MEDIA_ROOT.
"""

from ciep_portal.settings import *  # noqa: F403 (the whole portal configuration, unchanged)

ROOT_URLCONF = "bench.urls"
