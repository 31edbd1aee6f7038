import LakeWarehouse
import Testing

@Test func serverErrorCarriesSQLState() {
    let error = WarehouseError.server(sqlState: "23505", message: "duplicate key")
    #expect(error.description == "PostgreSQL error 23505: duplicate key")
}
