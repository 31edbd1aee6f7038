// swift-tools-version: 6.1
// The lake engine: module map in spec/architecture.md. An import may only point to a lower layer.
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "lake",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lake", targets: ["lake"]),
        .library(name: "LakeCore", targets: ["LakeCore"]),
        .library(name: "LakeCompression", targets: ["LakeCompression"]),
        .library(name: "LakeParquet", targets: ["LakeParquet"]),
        .library(name: "LakeColumnar", targets: ["LakeColumnar"]),
        .library(name: "LakeTextFormats", targets: ["LakeTextFormats"]),
        .library(name: "LakeSampleData", targets: ["LakeSampleData"]),
        .library(name: "LakeTable", targets: ["LakeTable"]),
        .library(name: "LakeExec", targets: ["LakeExec"]),
        .library(name: "LakeSQL", targets: ["LakeSQL"]),
        .library(name: "LakeSession", targets: ["LakeSession"]),
        .library(name: "LakeHTTP", targets: ["LakeHTTP"]),
        .library(name: "LakePipeline", targets: ["LakePipeline"]),
        .library(name: "LakeWarehouse", targets: ["LakeWarehouse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // L0: system libraries (module maps and shim headers only).
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLZ4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CMalloc"),  // glibc's malloc.h (mallopt), for ProcessAllocator
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // L1
        .target(name: "LakeCore", dependencies: ["CMalloc"], swiftSettings: strict),
        // L2
        .target(name: "LakeColumnar", dependencies: ["LakeCore"], swiftSettings: strict),
        .target(
            name: "LakeCompression",
            dependencies: ["LakeCore", "CZstd", "CSnappy", "CZlib", "CLZ4"],
            swiftSettings: strict),
        // L3
        .target(
            name: "LakeParquet", dependencies: ["LakeCore", "LakeColumnar", "LakeCompression"],
            swiftSettings: strict),
        .target(name: "LakeTextFormats", dependencies: ["LakeCore", "LakeColumnar"], swiftSettings: strict),
        .target(name: "LakeSampleData", dependencies: ["LakeCore", "LakeColumnar"], swiftSettings: strict),
        .target(name: "LakeExec", dependencies: ["LakeCore", "LakeColumnar"], swiftSettings: strict),
        .target(
            name: "LakeWarehouse", dependencies: ["LakeCore", "LakeColumnar", "CLibPQ"], swiftSettings: strict),
        .target(name: "LakeHTTP", dependencies: ["LakeCore", "CCurl"], swiftSettings: strict),
        // L4
        .target(
            name: "LakeTable", dependencies: ["LakeCore", "LakeColumnar", "LakeParquet"], swiftSettings: strict),
        .target(name: "LakeSQL", dependencies: ["LakeCore", "LakeColumnar"], swiftSettings: strict),
        // L5
        .target(
            name: "LakeSession",
            dependencies: ["LakeCore", "LakeColumnar", "LakeParquet", "LakeTextFormats", "LakeTable", "LakeExec", "LakeSQL"],
            swiftSettings: strict),
        // L6
        .target(
            name: "LakePipeline",
            dependencies: [
                "LakeCore", "LakeColumnar", "LakeParquet", "LakeTextFormats", "LakeTable", "LakeHTTP", "LakeWarehouse",
                "LakeSQL", "LakeExec", "LakeSession",
            ],
            swiftSettings: strict),
        // L7
        .executableTarget(
            name: "lake",
            dependencies: [
                "LakeCore", "LakeColumnar", "LakeCompression", "LakeParquet", "LakeTextFormats", "LakeSampleData",
                "LakeTable", "LakeExec", "LakeSQL", "LakeSession", "LakeWarehouse", "LakePipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        // Tests
        .target(
            name: "LakeTestSupport", dependencies: ["LakeCore", "LakeColumnar", "LakeWarehouse"],
            path: "Tests/LakeTestSupport",
            swiftSettings: strict),
        .testTarget(name: "LakeCoreTests", dependencies: ["LakeCore", "LakeTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "LakeColumnarTests", dependencies: ["LakeColumnar", "LakeTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "LakeCompressionTests", dependencies: ["LakeCompression", "LakeTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "LakeParquetTests",
            dependencies: ["LakeParquet", "LakeColumnar", "LakeTestSupport", "LakeCompression"],
            swiftSettings: strict),
        .testTarget(
            name: "LakeCLITests", dependencies: ["LakeTestSupport", "LakeTable", "LakeColumnar"], swiftSettings: strict),
        .testTarget(name: "LakeTableTests", dependencies: ["LakeTable", "LakeTestSupport"], swiftSettings: strict),
        .testTarget(name: "LakeHTTPTests", dependencies: ["LakeHTTP", "LakeTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "LakePipelineTests", dependencies: ["LakePipeline", "LakeTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "LakeSQLTests", dependencies: ["LakeSQL", "LakeCore", "LakeColumnar", "LakeTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "LakeExecTests", dependencies: ["LakeExec", "LakeCore", "LakeColumnar", "LakeTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "LakeSessionTests",
            dependencies: ["LakeSession", "LakeSQL", "LakeExec", "LakeTable", "LakeCore", "LakeColumnar", "LakeTestSupport"],
            exclude: ["sql"], swiftSettings: strict),
        .testTarget(
            name: "LakeWarehouseTests", dependencies: ["LakeWarehouse", "LakeTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "LakeTextFormatsTests", dependencies: ["LakeTextFormats", "LakeTestSupport"],
            swiftSettings: strict),
    ]
)
