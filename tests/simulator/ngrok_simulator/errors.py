"""Error responses in the ngrok API shape.

Every error body is ``{"error_code", "status_code", "msg", "details": {"operation_id"}}``,
except the plain not-found answer, which has no ``error_code``.
"""

# The real status of uniqueness conflicts (ERR_NGROK_413, 1408, 1802, 4112,
# 23004, 24005, ...) is not documented.  The simulator answers them with this
# one status; clients must key on ``error_code``.  (Endpoints sharing a URL are
# pooling errors, 18016/18017, which ngrok answers 400.)
CONFLICT_STATUS = 409

# Generic code the simulator uses for injected 5xx faults (not a real ngrok code).
FAULT_ERROR_CODE = "ERR_NGROK_999"


class ApiError(Exception):
    """An API error answered to the client."""

    def __init__(self, status, code, msg, headers=None):
        super().__init__(msg)
        self.status = status
        self.code = code
        self.msg = msg
        self.headers = headers or {}

    def body(self, operation_id):
        """Return the JSON body for this error."""
        out = {}
        if self.code is not None:
            out["error_code"] = self.code
        out["status_code"] = self.status
        out["msg"] = self.msg
        out["details"] = {"operation_id": operation_id}
        return out


def code_name(code):
    """Turn 214 or "214" into "ERR_NGROK_214"; pass full names through."""
    text = str(code)
    return text if text.startswith("ERR_NGROK_") else "ERR_NGROK_" + text


def bad_request(code, msg):
    """A 400 validation error."""
    return ApiError(400, code_name(code), msg)


def conflict(code, msg):
    """A uniqueness conflict (status chosen once, in CONFLICT_STATUS)."""
    return ApiError(CONFLICT_STATUS, code_name(code), msg)


def not_found():
    """The plain 404 the API answers for unknown ids and paths."""
    return ApiError(404, None, "Resource not found")


# The texts end as ngrok's error catalog writes them (snippets/errors/_err_ngrok_list.mdx).
API_REFERENCE = "https://ngrok.com/docs/api-reference/"
CHECK_CLIENT = "Check your API client implementation and review the API documentation: %s." % API_REFERENCE
CONTENT_TYPES = "https://ngrok.com/docs/api#content-types"


def unknown_field_message(name, supported):
    """The text of ERR_NGROK_214."""
    return ("The request parameter '%s' is unknown and not expected. The supported fields are: '%s'. %s"
            % (name, ", ".join(supported) or "(none)", CHECK_CLIENT))


def invalid_value_message(name):
    """The text of ERR_NGROK_215."""
    return ("The value provided for the request parameter '%s' is invalid. Check your request and review the API "
            "documentation: %s." % (name, API_REFERENCE))


def unknown_field(name, supported):
    """ERR_NGROK_214: a body field the operation does not accept."""
    return bad_request(214, unknown_field_message(name, sorted(supported)))


def invalid_value(name):
    """ERR_NGROK_215: a body field with a value of the wrong type or shape (or a missing one without its own code)."""
    return bad_request(215, invalid_value_message(name))
