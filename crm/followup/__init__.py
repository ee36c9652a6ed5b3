"""Time-unlimited follow-up support after a job start (IPS principle 5)."""
