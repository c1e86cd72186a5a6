"""QR codes of H5 links: made with qrcode, read back with zxing-cpp."""

import io

import qrcode
import qrcode.image.svg
import zxingcpp
from PIL import Image


def qr_svg(url: str) -> bytes:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def read_qr(fileobj) -> list[str]:
    """The texts of the QR codes in a picture (none if it holds no readable code)."""
    with Image.open(fileobj) as picture:
        picture.load()
        return [result.text for result in zxingcpp.read_barcodes(picture) if result.text]
