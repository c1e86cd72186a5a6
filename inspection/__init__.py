"""Media inspection: what an uploaded file really is and what it measures.

Pure functions over seekable binary file objects (what ``storage.open("rb")`` returns); no
models, no database, no file paths, because originals may live on S3. Failures are
``MediaError(code, params)``; callers turn codes into messages.
"""
