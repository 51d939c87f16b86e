"""Instructors' intake: a whole inbox of dossiers verified at once, recorded, answered.

``run.triage`` lists the inbox (folders and ``.zip`` files, unpacked by ``archive``),
verifies the dossiers in parallel worker processes (``pool``, ``worker``), records
each in the register (``register``), then runs the checks that compare dossiers
(``checks``, group I). ``export``, ``html`` and ``terminal`` present the result; ``letters``
writes the acknowledgement and the request for missing pieces; ``commands`` is what the
``triage``, ``registre`` and ``courrier`` commands do with their options.
"""
