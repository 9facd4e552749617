"""From the outbox to the platforms: the delivery loop (``deliverer``), daily digests
(``digests``) and each subscription's alert format, caps and mentions (``alertstyle``)."""
