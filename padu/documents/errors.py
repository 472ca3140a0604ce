from django.utils.translation import gettext_lazy as _

from padu.core.errors import PaduError


class PayloadTooLarge(PaduError):
    status = 413
    code = "payload_too_large"
    default_message = _("The file is too large.")
