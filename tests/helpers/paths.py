"""Where the tests find the repository, the bundled examples and ../shared/samples."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SAMPLES = Path(os.environ.get("HAESOL_SAMPLES") or ROOT.parent / "shared" / "samples")  # a worktree may point it
