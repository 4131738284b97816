"""zarr-python <-> SimpleZarr through the moto S3 server, with zarr-python's ObjectStore on obstore.

Usage:
  python check_s3_interop.py write ENDPOINT BUCKET   zarr-python writes the hierarchies of
                                                     make_http_fixtures.py as BUCKET/v3.zarr, v2.zarr
  python check_s3_interop.py check ENDPOINT BUCKET   zarr-python checks, value by value, what
                                                     SimpleZarr wrote there (S3InteropTests)
"""

import sys
import urllib.error
import urllib.request
import warnings

import zarr
from obstore.store import S3Store

from make_http_fixtures import check, write


def store(endpoint: str, bucket: str, prefix: str) -> zarr.storage.ObjectStore:
    s3 = S3Store(
        bucket, prefix=prefix, endpoint=endpoint, access_key_id="testing", secret_access_key="testing",
        region="us-east-1", client_options={"allow_http": True}, virtual_hosted_style_request=False,
    )
    return zarr.storage.ObjectStore(s3)


def main() -> int:
    warnings.filterwarnings("ignore", message="Consolidated metadata")
    mode, endpoint, bucket = sys.argv[1:4]
    if mode == "write":
        try:
            urllib.request.urlopen(urllib.request.Request(f"{endpoint}/{bucket}", method="PUT"))
        except urllib.error.HTTPError as error:
            if error.code != 409:  # already there
                raise
        for fmt in (3, 2):
            write(store(endpoint, bucket, f"v{fmt}.zarr"), fmt)
        print(f"check_s3_interop: zarr-python wrote s3://{bucket}/v3.zarr and v2.zarr")
    elif mode == "check":
        for fmt in (3, 2):
            check(store(endpoint, bucket, f"v{fmt}.zarr"), fmt)
        print(f"check_s3_interop: zarr-python read what SimpleZarr wrote to s3://{bucket} (v3, v2): OK")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
