"""Readers of container formats at the byte level: ISO BMFF (MP4/MOV), EBML (Matroska/WebM),
OLE2 (legacy Word), ZIP packages, the legacy .doc piece table and the JPEG quantization tables.
They find structure; the modules above them decide what a file is and what it measures."""
