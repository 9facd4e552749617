"""Watchlist matching: which topics an article alerts and why (``matcher``), with the word data
it reads (``namewords``, ``vocabulary``) and the raw-or-stemmed check (``textform``)."""
