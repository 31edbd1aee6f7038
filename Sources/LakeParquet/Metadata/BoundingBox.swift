/// The bounding box of the geometries in a GEOMETRY or GEOGRAPHY column.
///
/// Spec: parquet.thrift `struct BoundingBox`.
public struct BoundingBox: ThriftStruct, Hashable {
    /// Field 1 (required).
    public var xMin: Double
    /// Field 2 (required).
    public var xMax: Double
    /// Field 3 (required).
    public var yMin: Double
    /// Field 4 (required).
    public var yMax: Double
    /// Field 5.
    public var zMin: Double?
    /// Field 6.
    public var zMax: Double?
    /// Field 7: minimum of the M (measure) dimension.
    public var mMin: Double?
    /// Field 8: maximum of the M (measure) dimension.
    public var mMax: Double?

    public init(
        xMin: Double, xMax: Double, yMin: Double, yMax: Double, zMin: Double? = nil, zMax: Double? = nil,
        mMin: Double? = nil, mMax: Double? = nil
    ) {
        self.xMin = xMin
        self.xMax = xMax
        self.yMin = yMin
        self.yMax = yMax
        self.zMin = zMin
        self.zMax = zMax
        self.mMin = mMin
        self.mMax = mMax
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var values: [Double?] = Array(repeating: nil, count: 8)
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            if field.type == .double, (1...8).contains(field.id) {
                values[Int(field.id) - 1] = try reader.readDouble()
            } else {
                try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let xMin = values[0] else { throw .missingField("xmin", id: 1, in: "BoundingBox", at: start) }
        guard let xMax = values[1] else { throw .missingField("xmax", id: 2, in: "BoundingBox", at: start) }
        guard let yMin = values[2] else { throw .missingField("ymin", id: 3, in: "BoundingBox", at: start) }
        guard let yMax = values[3] else { throw .missingField("ymax", id: 4, in: "BoundingBox", at: start) }
        self.init(
            xMin: xMin, xMax: xMax, yMin: yMin, yMax: yMax, zMin: values[4], zMax: values[5], mMin: values[6],
            mMax: values[7])
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeDoubleField(1, xMin)
        writer.writeDoubleField(2, xMax)
        writer.writeDoubleField(3, yMin)
        writer.writeDoubleField(4, yMax)
        writer.writeDoubleField(5, zMin)
        writer.writeDoubleField(6, zMax)
        writer.writeDoubleField(7, mMin)
        writer.writeDoubleField(8, mMax)
        writer.endStruct()
    }
}
