// swift-tools-version: 6.1
// Release-mode benchmarks of `lake` against its peers. A package of its own so that benchmark code and its
// optimisation settings never leak into the engine: build with `swift build -c release` in this folder.
import PackageDescription

let package = Package(
    name: "lake-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "lake", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "lake-bench",
            dependencies: [
                .product(name: "LakeCore", package: "lake"),
                .product(name: "LakeColumnar", package: "lake"),
                .product(name: "LakeCompression", package: "lake"),
                .product(name: "LakeParquet", package: "lake"),
                .product(name: "LakeWarehouse", package: "lake"),
                .product(name: "LakeTable", package: "lake"),
                .product(name: "LakeExec", package: "lake"),
                .product(name: "LakeSQL", package: "lake"),
                .product(name: "LakeSession", package: "lake"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")])
    ]
)
