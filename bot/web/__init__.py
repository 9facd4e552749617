"""The status page, ``/metrics`` and the health checks that a running bot serves when
``[web] listen`` is set."""
