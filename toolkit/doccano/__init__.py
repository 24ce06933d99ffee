"""doccano: the local server, project set-up, classroom members, push and pull.

The only package that imports doccano_client or talks to a doccano server. Modules:
`server` (install, start, stop), `settings` (connection, secrets, config file), `session` (the
HTTP seam: timeouts, retries, clear errors), `project` + `guideline` (setup), `members`,
`exchange` (our JSONL in doccano's import/export formats), `push`, `suggestions`, `pull`.
"""
