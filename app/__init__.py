"""The mljudge service: REST API, accounts and queueing around the judge core in `judge/`."""
