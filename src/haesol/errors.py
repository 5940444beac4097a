"""The one error hierarchy of haesol; every message is Korean with an English gloss.

HaesolError                     base; the CLI prints ``str(err)`` and exits 1
├── InputError                  the input cannot be used
│   ├── EmptyInputError         nothing to read
│   ├── TooLargeError           over the size cap
│   ├── DecodeError             text in no encoding we can read
│   ├── UnsupportedFormatError  bytes of no format we read
│   ├── ParseError              a known format, but corrupt or truncated
│   │   └── LayoutChangedError  a portal page whose selectors match nothing (stops fetch)
│   ├── ProtectedDocumentError  배포용, password or DRM protection
│   ├── UnsupportedVersionError e.g. HWP 3.0
│   ├── ImageOnlyPdfError       a PDF without a text layer
│   ├── NoBodyError             no release body found
│   ├── NotAReleaseError        no sign of a press release (--force writes anyway)
│   └── ResourceLimitError      over a parse limit: table cells, time or memory
├── LicenseError                the KOGL type forbids what was asked
├── VerificationError           --strict and a sentence failed the verifier
├── ConfigError                 a bad setting or option value
├── OutputPathError             an output path haesol refuses to write (an input, a link, a device)
├── NetworkError                a server could not be reached or answered badly
│   ├── TransientNetworkError   one attempt failed in a way that may succeed later (retried)
│   └── RemoteApiError          a remote API (WordPress) refused a request with an error answer
│       └── RemoteNotFoundError the item asked for is not there (a deleted post)
├── StoreError                  the SQLite store failed
├── LlmError                    the language-model server failed beyond recovery
└── ReviewError                 the review desk refused an action
    ├── NotFoundError           no such release, or it has no draft
    └── ApprovalBlockedError    flagged sentences and no override
"""

from __future__ import annotations

from typing import Any


def _rebuild(cls: type[HaesolError], message: str, state: dict[str, Any]) -> HaesolError:
    """Recreate an error sent from another process (its ``__init__`` may take other arguments)."""
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


MB = 1024 * 1024  # sizes are printed in MiB, as the README states them ("50 MB" = 52,428,800 bytes)


class HaesolError(Exception):
    """Base class of every error haesol raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, source: str = "") -> None:
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(f"{prefix}{message}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as type, message and attributes, so a worker process can hand the error back."""
        return (_rebuild, (type(self), str(self), dict(self.__dict__)))


class InputError(HaesolError):
    """The input cannot be used."""

    code = "E100"


class EmptyInputError(InputError):
    """The input holds no text."""

    code = "E101"

    def __init__(self, *, source: str = "") -> None:
        super().__init__("입력이 비어 있습니다 (empty input)", source=source)


class TooLargeError(InputError):
    """The input is larger than the configured cap."""

    code = "E102"

    def __init__(self, size: int, limit: int, *, source: str = "") -> None:
        super().__init__(
            f"파일이 너무 큽니다: {size / MB:.1f} MB, 최대 {limit / MB:.0f} MB "
            f"(file too large: {size:,} bytes, limit {limit:,} bytes = {limit / MB:.0f} MB)",
            source=source,
        )


class DecodeError(InputError):
    """The text is in no encoding haesol can read (UTF-8, UTF-16, CP949/EUC-KR)."""

    code = "E103"

    def __init__(self, *, detail: str = "", source: str = "") -> None:
        extra = f" [{detail}]" if detail else ""
        super().__init__(
            "텍스트 인코딩을 알 수 없습니다. UTF-8 또는 CP949로 저장해 주세요 "
            f"(cannot decode text; save it as UTF-8 or CP949){extra}",
            source=source,
        )


class UnsupportedFormatError(InputError):
    """The bytes are of no format haesol reads."""

    code = "E104"

    def __init__(self, detail: str = "", *, source: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            "지원하지 않는 형식입니다. 텍스트, HTML, HWPX, HWP, PDF, DOCX를 읽습니다 "
            f"(unsupported format; readable: text, HTML, HWPX, HWP, PDF, DOCX){extra}",
            source=source,
        )


class ParseError(InputError):
    """A file of a known format that is corrupt, truncated or hostile."""

    code = "E105"

    def __init__(self, fmt: str, reason: str, *, source: str = "") -> None:
        self.fmt = fmt
        self.reason = reason
        super().__init__(f"{fmt} 파일을 읽을 수 없습니다: {reason} ({fmt} file is unreadable)", source=source)


class LayoutChangedError(ParseError):
    """A portal page on which a selector haesol relies on matches nothing: the site's layout changed."""

    code = "E111"

    def __init__(self, page: str, selector: str) -> None:
        self.page = page
        self.selector = selector
        super().__init__(
            "html",
            f"포털 페이지 구조가 바뀌었습니다: 선택자 {selector} 가 아무것도 찾지 못함 "
            f"(the portal layout changed: selector {selector!r} matched nothing on {page})",
            source=page,
        )


class ProtectedDocumentError(InputError):
    """A document locked by 배포용 protection, a password or DRM; haesol does not break it."""

    code = "E106"

    def __init__(self, protection: str, gloss: str, *, source: str = "") -> None:
        self.protection = protection
        super().__init__(
            f"{protection} 문서는 읽을 수 없습니다. 같은 보도자료의 PDF 또는 HWPX 첨부파일을 사용해 주세요 "
            f"({gloss}; use the release's PDF or HWPX attachment instead)",
            source=source,
        )


class UnsupportedVersionError(InputError):
    """A format version haesol does not read, such as HWP 3.0."""

    code = "E107"

    def __init__(self, what: str, gloss: str, *, source: str = "") -> None:
        super().__init__(f"지원하지 않는 버전입니다: {what} (unsupported version: {gloss})", source=source)


class ImageOnlyPdfError(InputError):
    """A PDF with no text layer (scanned or an infographic)."""

    code = "E108"

    def __init__(self, *, source: str = "") -> None:
        super().__init__(
            "이미지로만 된 PDF라 텍스트를 추출할 수 없습니다 (image-only PDF: no text layer)",
            source=source,
        )


class NoBodyError(InputError):
    """No release body was found in the input."""

    code = "E109"

    def __init__(self, detail: str = "", *, source: str = "") -> None:
        extra = f": {detail}" if detail else ""
        super().__init__(f"본문을 찾을 수 없습니다 (no body found){extra}", source=source)


class NotAReleaseError(InputError):
    """The document shows none of the signals of a press release (type word, timing, contacts, agency)."""

    code = "E110"

    def __init__(self, missing: tuple[str, ...], *, source: str = "") -> None:
        super().__init__(
            "보도자료가 아닌 것 같습니다. 없는 항목: " + ", ".join(missing) + ". "
            "그래도 기사를 만들려면 --force를 쓰세요 "
            "(not a press release: none of the release signals were found; use --force to write anyway)",
            source=source,
        )


class ResourceLimitError(InputError):
    """A document over a parse limit: too many table cells, too long to parse, too much memory."""

    code = "E112"

    def __init__(self, what: str, gloss: str, *, source: str = "") -> None:
        self.what = what
        super().__init__(f"처리 한도를 넘었습니다: {what} (over a parse limit: {gloss})", source=source)


class LicenseError(HaesolError):
    """The KOGL type of the source forbids the requested use."""

    code = "E200"


class VerificationError(HaesolError):
    """``--strict`` was set and some sentences failed verification."""

    code = "E300"


class ConfigError(HaesolError):
    """A setting or option has a value that cannot be used."""

    code = "E400"


class OutputPathError(HaesolError):
    """An output path that is an input, a symbolic link, a folder, a FIFO, a device or in no folder."""

    code = "E800"

    def __init__(self, reason: str, path: object) -> None:
        super().__init__(f"-o {path}: {reason}")


class NetworkError(HaesolError):
    """A server could not be reached, or answered with an error after retries."""

    code = "E500"


class StoreError(HaesolError):
    """The SQLite store could not be opened, migrated or written."""

    code = "E600"


class LlmError(HaesolError):
    """The language-model server failed in a way the fallback cannot cover."""

    code = "E700"


class TransientNetworkError(NetworkError):
    """One attempt failed in a way that may succeed later (timeouts, resets, 5xx, 429); retried, never shown."""

    code = "E501"

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RemoteApiError(NetworkError):
    """A remote API (WordPress's REST API) refused a request; its HTTP status and error name are kept."""

    code = "E502"

    def __init__(self, message: str, *, status: int = 0, name: str = "", term_id: int = 0, source: str = "") -> None:
        super().__init__(message, source=source)
        self.status = status
        self.name = name
        self.term_id = term_id


class RemoteNotFoundError(RemoteApiError):
    """The remote item asked for does not exist (404), e.g. a post deleted on the site."""

    code = "E503"


class ReviewError(HaesolError):
    """The review desk refused an action."""

    code = "E800"


class NotFoundError(ReviewError, LookupError):
    """No such release (or it has no draft) in the store."""

    code = "E801"


class ApprovalBlockedError(ReviewError, ValueError):
    """Approval refused: some sentences are contradicted or unsupported and no override was given."""

    code = "E802"

    def __init__(self, positions: tuple[int, ...], texts: tuple[str, ...]) -> None:
        self.positions = positions
        self.texts = texts
        super().__init__(
            f"원문과 다르거나 근거 없는 문장이 {len(positions)}개 있어 승인할 수 없습니다. 고치거나 사유를 적고 예외 승인하세요 "
            f"({len(positions)} sentences are contradicted or unsupported; fix them or approve with an override and a reason)"
        )
