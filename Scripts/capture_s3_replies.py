"""Captures S3 XML replies from a moto S3 server into Tests/SimpleZarrTests/Fixtures/s3-replies/moto-*.xml.

The replies (ListObjectsV2 pages, error documents, multipart upload results, DeleteObjects
results) are what S3XML's readers are tested on. The tests read the committed files, so they
need no server. To capture them again, start a fresh moto server by hand and point this at it:

    .venv-interop/bin/moto_server -H 127.0.0.1 -p 5123 &
    .venv-interop/bin/python Scripts/capture_s3_replies.py http://127.0.0.1:5123
    kill %1

Requests are unsigned (moto does not check signatures by default). Request ids and dates in
the replies change from run to run; the tests do not depend on them.
"""

import base64
import hashlib
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

OUT = Path(__file__).resolve().parents[1] / "Tests" / "SimpleZarrTests" / "Fixtures" / "s3-replies"
BUCKET = "replies"
# Keys that exercise the XML escaping and the url encoding type: a space, a plus, an
# ampersand, angle brackets, quotes, non-ASCII text and a percent sign.
KEYS = [
    "data/zarr.json",
    "data/c/0/0",
    "data/c/0/1",
    "data/c/1/0",
    "data/sub/zarr.json",
    "odd/a b+c&d<e>'f\"g.bin",
    "odd/ключ/é 100%",
    "top.txt",
]


def request(endpoint, method, path, body=None, headers=None):
    # An explicit type: urllib's default (a form) makes moto read the body as query parameters.
    headers = {"Content-Type": "application/octet-stream", **(headers or {})}
    req = urllib.request.Request(endpoint + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def save(name, status, body):
    (OUT / ("moto-" + name)).write_bytes(body)
    print(f"{name}: HTTP {status}, {len(body)} bytes")


def main():
    endpoint = sys.argv[1].rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    request(endpoint, "PUT", f"/{BUCKET}")
    for i, key in enumerate(KEYS):
        request(endpoint, "PUT", f"/{BUCKET}/{quote(key)}", body=b"x" * (i + 1))

    save("list-all.xml", *request(endpoint, "GET", f"/{BUCKET}?list-type=2"))
    save("list-delimiter.xml", *request(endpoint, "GET", f"/{BUCKET}?list-type=2&delimiter=%2F"))
    save("list-prefix-delimiter.xml", *request(endpoint, "GET", f"/{BUCKET}?list-type=2&prefix=data%2F&delimiter=%2F"))
    save("list-encoded.xml", *request(endpoint, "GET", f"/{BUCKET}?list-type=2&encoding-type=url&prefix=odd%2F"))
    save("list-encoded-delimiter.xml",
         *request(endpoint, "GET", f"/{BUCKET}?list-type=2&encoding-type=url&prefix=odd%2F&delimiter=%2F"))
    status, first = request(endpoint, "GET", f"/{BUCKET}?list-type=2&max-keys=3")
    save("list-page-1.xml", status, first)
    token = first.split(b"<NextContinuationToken>")[1].split(b"</NextContinuationToken>")[0].decode()
    save("list-page-2.xml", *request(endpoint, "GET", f"/{BUCKET}?list-type=2&max-keys=3&continuation-token={quote(token, safe='')}"))
    save("list-empty.xml", *request(endpoint, "GET", f"/{BUCKET}?list-type=2&prefix=nothing-here%2F"))

    save("error-no-such-key.xml", *request(endpoint, "GET", f"/{BUCKET}/missing/key"))
    save("error-no-such-bucket.xml", *request(endpoint, "GET", "/no-such-bucket?list-type=2"))

    status, initiated = request(endpoint, "POST", f"/{BUCKET}/big/object?uploads")
    save("initiate-multipart.xml", status, initiated)
    upload = initiated.split(b"<UploadId>")[1].split(b"</UploadId>")[0].decode()
    part = b"p" * (5 << 20)
    etag = None
    req = urllib.request.Request(f"{endpoint}/{BUCKET}/big/object?partNumber=1&uploadId={upload}", data=part, method="PUT",
                                 headers={"Content-Type": "application/octet-stream"})
    with urllib.request.urlopen(req) as reply:
        etag = reply.headers["ETag"]
    complete = f"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{etag}</ETag></Part></CompleteMultipartUpload>"
    save("error-invalid-part.xml", *request(endpoint, "POST", f"/{BUCKET}/big/object?uploadId={upload}",
                                            body=complete.replace("<PartNumber>1<", "<PartNumber>2<").encode()))
    save("complete-multipart.xml", *request(endpoint, "POST", f"/{BUCKET}/big/object?uploadId={upload}", body=complete.encode()))

    delete = ("<Delete><Quiet>false</Quiet>"
              "<Object><Key>top.txt</Key></Object>"
              "<Object><Key>odd/a b+c&amp;d&lt;e&gt;&apos;f&quot;g.bin</Key></Object>"
              "<Object><Key>never/existed</Key></Object></Delete>").encode()
    md5 = base64.b64encode(hashlib.md5(delete).digest()).decode()
    save("delete-result.xml", *request(endpoint, "POST", f"/{BUCKET}?delete", body=delete, headers={"Content-MD5": md5}))


if __name__ == "__main__":
    main()
