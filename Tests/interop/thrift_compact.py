"""A small Thrift compact-protocol decoder that remembers where every value sits, for patching fixtures.

Used by make_fixtures.py to find fields of a Parquet footer (FileMetaData) or page header (PageHeader) and to
rewrite them in place. It decodes generically (field ids, not names); the Parquet field ids it needs are listed
in make_fixtures.py next to their use.

Spec: Thrift compact protocol (thrift/doc/specs/thrift-compact-protocol.md); Parquet parquet.thrift.
"""

BOOL_TRUE, BOOL_FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT = range(1, 13)
INTEGER_TYPES = (BYTE, I16, I32, I64)


class ThriftError(Exception):
    pass


class Value:
    """One decoded value: `kind` (compact type id), `value` (int, bytes, bool, float, list, or dict of field
    id -> Value for structs) and the byte range [start, end) of its encoding (without the field header)."""

    def __init__(self, kind, value, start, end):
        self.kind = kind
        self.value = value
        self.start = start
        self.end = end

    def __getitem__(self, field_id):
        return self.value[field_id]

    def get(self, field_id):
        return self.value.get(field_id)

    def __repr__(self):
        return f"Value(kind={self.kind}, value={self.value!r}, range=[{self.start}, {self.end}))"


def read_varint(data, position):
    result = 0
    shift = 0
    while True:
        if position >= len(data):
            raise ThriftError("varint runs past the end")
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if byte & 0x80 == 0:
            return result, position
        shift += 7
        if shift > 63:
            raise ThriftError("varint longer than 10 bytes")


def zigzag_decode(value):
    return (value >> 1) ^ -(value & 1)


def zigzag_encode(value):
    return (value << 1) ^ (value >> 63) if value < 0 else value << 1


def encode_varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def encode_int_same_length(value, length):
    """The zigzag varint of `value`; ThriftError unless its minimal encoding is exactly `length` bytes (so a
    patched file stays the same size and every decoder, strict or not, reads it)."""
    encoded = encode_varint(zigzag_encode(value))
    if len(encoded) != length:
        raise ThriftError(f"{value} encodes in {len(encoded)} bytes, not {length}")
    return encoded


class Decoder:
    def __init__(self, data, position=0):
        self.data = data
        self.position = position

    def byte(self):
        if self.position >= len(self.data):
            raise ThriftError("byte past the end")
        value = self.data[self.position]
        self.position += 1
        return value

    def varint(self):
        value, self.position = read_varint(self.data, self.position)
        return value

    def value(self, kind):
        start = self.position
        if kind in (BOOL_TRUE, BOOL_FALSE):
            # Inside a struct the field header carries the value; inside a list it is one byte.
            value = kind == BOOL_TRUE
        elif kind == BYTE:
            value = self.byte()
            value = value - 256 if value > 127 else value
        elif kind in (I16, I32, I64):
            value = zigzag_decode(self.varint())
        elif kind == DOUBLE:
            if self.position + 8 > len(self.data):
                raise ThriftError("double past the end")
            value = bytes(self.data[self.position:self.position + 8])
            self.position += 8
        elif kind == BINARY:
            length = self.varint()
            if self.position + length > len(self.data):
                raise ThriftError("binary past the end")
            value = bytes(self.data[self.position:self.position + length])
            self.position += length
        elif kind in (LIST, SET):
            header = self.byte()
            size = header >> 4
            element = header & 0x0F
            if size == 15:
                size = self.varint()
            value = []
            for _ in range(size):
                if element in (BOOL_TRUE, BOOL_FALSE):
                    item_start = self.position
                    value.append(Value(element, self.byte() == BOOL_TRUE, item_start, self.position))
                else:
                    value.append(self.value(element))
        elif kind == MAP:
            size = self.varint()
            value = []
            if size:
                types = self.byte()
                for _ in range(size):
                    value.append((self.value(types >> 4), self.value(types & 0x0F)))
        elif kind == STRUCT:
            value = self.struct_fields()
        else:
            raise ThriftError(f"unknown compact type {kind} at {start}")
        return Value(kind, value, start, self.position)

    def struct_fields(self):
        fields = {}
        last_id = 0
        while True:
            header = self.byte()
            if header == 0:
                return fields
            delta = header >> 4
            kind = header & 0x0F
            field_id = last_id + delta if delta else zigzag_decode(self.varint())
            fields[field_id] = self.value(kind)
            last_id = field_id


def decode_struct(data, position=0):
    """Decodes one struct starting at `position`; returns its Value (range covers the whole struct)."""
    decoder = Decoder(data, position)
    return decoder.value(STRUCT)
