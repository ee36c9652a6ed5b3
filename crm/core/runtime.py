"""Process settings for serving: applied by wsgi.py (and the benchmark, which measures the same)."""
import gc


def tune_garbage_collector() -> None:
    """A page like matching builds thousands of short-lived objects; with CPython's default
    thresholds a full collection then lands on every few requests (~100 ms here). Freezing what
    start-up built and collecting the youngest generation less often removes those pauses."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
