"""One story, one alert: article fingerprints and event terms (``dedup``), the rules that join an
article to a story (``grouping``) and the in-memory index of recent articles (``index``)."""
