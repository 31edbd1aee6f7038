import LakeWarehouse
import Testing

@Suite struct SQLTextTests {
    @Test func identifiersAreDoubleQuotedWithEmbeddedQuotesDoubled() throws {
        #expect(try SQLIdentifier.quote("price") == "\"price\"")
        #expect(try SQLIdentifier.quote("a\"b") == "\"a\"\"b\"")
        #expect(try SQLIdentifier.quote("x; DROP TABLE t; --") == "\"x; DROP TABLE t; --\"")
        #expect(try SQLIdentifier.quote("Größe") == "\"Größe\"")
        #expect(try TableName(parsing: "silver.fact").quoted() == "\"silver\".\"fact\"")
    }

    @Test func identifiersPostgreSQLCannotHoldAreRefused() throws {
        #expect(throws: WarehouseError.invalidIdentifier("")) { try SQLIdentifier.quote("") }
        #expect(throws: WarehouseError.invalidIdentifier("a\0b")) { try SQLIdentifier.quote("a\0b") }
        let long = String(repeating: "x", count: 64)
        #expect(throws: WarehouseError.invalidIdentifier(long)) { try SQLIdentifier.quote(long) }
        #expect(try SQLIdentifier.quote(String(repeating: "x", count: 63)).count == 65)
    }

    @Test func urlDescriptionAndErrorsNeverShowThePassword() throws {
        let url = try WarehouseURL("postgres://loader:s3cret-pw@db.example:6543/lake?sslmode=verify-full")
        #expect(url.description == "postgres://loader@db.example:6543/lake?sslmode=verify-full")
        #expect(url.redact("auth failed for s3cret-pw") == "auth failed for ***")
        let keyValue = try WarehouseURL("host=h port=1 dbname=d user=u password=hunter2 sslmode=require")
        #expect(!keyValue.description.contains("hunter2"))
        #expect(keyValue.description == "postgres://u@h:1/d?sslmode=require")
        do {
            _ = try WarehouseURL("postgres://u:topsecret@[::1/d")
            Issue.record("an unclosed IPv6 bracket must be refused")
        } catch {
            #expect(!"\(error)".contains("topsecret"))
        }
    }

    @Test func connectionFailureNamesTheTargetWithoutThePassword() throws {
        // Port 1 on loopback refuses connections; the error must say where, never with the password.
        let url = try WarehouseURL("postgres://u:pa55word@127.0.0.1:1/d?connect_timeout=2")
        do {
            _ = try WarehouseConnection(url)
            Issue.record("connecting to port 1 must fail")
        } catch {
            #expect("\(error)".contains("127.0.0.1:1"))
            #expect(!"\(error)".contains("pa55word"))
        }
    }

    @Test func serverErrorCarriesSQLState() {
        let error = WarehouseError.server(sqlState: "23505", message: "duplicate key")
        #expect(error.description == "PostgreSQL error 23505: duplicate key")
    }
}
