"""A custom passlib handler that iterates SHA-512 by hand: a loop of fast hashes is still a
fast hash (no memory hardness, trivially parallel on a GPU)."""

import hashlib

from passlib.utils import handlers as uh


class IteratedSha512(uh.HasRounds, uh.HasSalt, uh.GenericHandler):
    name = "iterated_sha512"
    default_rounds = 5000

    def _calc_checksum(self, secret):
        result = secret + self.salt
        for _ in range(self.rounds):
            result = hashlib.sha512(result).digest()  # error: BL401
        return result.hex()


class Report:
    def _calc_checksum(self, data: bytes) -> str:
        return hashlib.sha512(data).hexdigest()
