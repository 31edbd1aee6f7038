import LakePipeline
import Testing

@Suite struct PipelinePlanTests {
    @Test func tenTimesADayGroupExtractsListingsAndRunsTheMarketModels() throws {
        let definition = try ReferencePipelineFixture.definition()
        let plan = try PipelinePlan(definition: definition, group: "10x", stage: .all)
        let models = plan.steps.compactMap { step -> String? in
            if case .runModel(let name) = step { name } else { nil }
        }
        #expect(plan.steps.first == .extract(endpoint: "listings_latest"))
        #expect(plan.steps.filter { $0.stage == .extract }.count == 1)
        #expect(models.first == "fact_crypto_market")
        #expect(
            Set(models) == [
                "fact_crypto_market", "kpi_crypto_returns", "hourly_avg_price", "daily_performance_ranking",
                "price_move_alerts", "daily_volume",
            ])
        #expect(plan.steps.contains(.load("fact_crypto_market")))
        #expect(!plan.steps.contains(.load("dim_crypto_id")))
        #expect(plan.steps.contains(.postLoad("refresh_latest_views")))
        #expect(plan.steps.contains(.postLoad("analyze_facts")))
        #expect(!plan.steps.contains { $0.stage == .maintain })
        // Stages come in order.
        let stages = plan.steps.map(\.stage)
        let order: [PipelineStage] = [.extract, .transform, .load, .maintain]
        #expect(stages == stages.sorted { order.firstIndex(of: $0) ?? 0 < order.firstIndex(of: $1) ?? 0 })
    }

    @Test func stagesSelectTheirPartOfThePlan() throws {
        let definition = try ReferencePipelineFixture.definition()
        let all = try PipelinePlan(definition: definition, group: "weekly", stage: .all)
        for stage in [PipelineStage.extract, .transform, .load, .maintain] {
            let part = try PipelinePlan(definition: definition, group: "weekly", stage: stage)
            #expect(part.steps == all.steps.filter { $0.stage == stage })
        }
        #expect(all.steps.contains(.backup("warehouse_fact_crypto_market")))
        #expect(all.steps.contains(.maintain("compact_market")))
        #expect(all.steps.contains(.maintain("vacuum_silver")))
        #expect(!all.steps.contains(.maintain("checkpoint_facts")))
        let transform = try PipelinePlan(definition: definition, group: "weekly", stage: .transform).steps
        // Category dominance follows both the category facts and the category dimension.
        let dominance = try #require(transform.firstIndex(of: .runModel("kpi_category_dominance")))
        #expect(try #require(transform.firstIndex(of: .runModel("fact_crypto_category"))) < dominance)
        #expect(try #require(transform.firstIndex(of: .runModel("dim_crypto_category"))) < dominance)
    }

    @Test func allGroupsPlanEveryStepOnce() throws {
        let definition = try ReferencePipelineFixture.definition()
        let plan = try PipelinePlan(definition: definition, group: nil, stage: .all)
        #expect(plan.steps.count == Set(plan.steps).count)
        #expect(plan.steps.filter { $0.stage == .extract }.count == definition.endpoints.count)
        #expect(plan.steps.filter { $0.stage == .transform }.count == definition.models.count)
        #expect(plan.steps.filter { if case .load = $0 { true } else { false } }.count == definition.loads.count)
        #expect(plan.steps.filter { $0.stage == .maintain }.count == definition.maintenance.count)
        let loads = plan.steps.compactMap { step -> String? in if case .load(let name) = step { name } else { nil } }
        #expect(loads.firstIndex(of: "dim_crypto_id") ?? .max < loads.firstIndex(of: "fact_crypto_market") ?? -1)
    }

    @Test func unknownGroupIsRefused() throws {
        let definition = try ReferencePipelineFixture.definition()
        #expect(
            throws: PipelineError.invalidDefinition(
                location: "frequency", reason: "unknown frequency group hourly (known: daily, weekly, 5x, 10x)")
        ) { try PipelinePlan(definition: definition, group: "hourly", stage: .all) }
    }

    @Test func explainListsNumberedStepsUnderStageHeadings() throws {
        let definition = try ReferencePipelineFixture.definition()
        let text = try PipelinePlan(definition: definition, group: "5x", stage: .all).explain(definition)
        let expected = [
            "plan for frequency group 5x, stage all: 8 steps",
            "schedule: weekdays at 08:00, 10:00, 12:00, 14:00, 16:00 (Europe/Paris)",
            "extract",
            "  1. extract global_metrics_quotes_latest: coinmarketcap /v1/global-metrics/quotes/latest"
                + " -> bronze/global_metrics_quotes_latest/",
            "transform",
            "  2. model fact_global_market: bronze.global_metrics_quotes_latest -> silver.fact_global_market"
                + " (append, models/fact_global_market.sql)",
            "  3. model kpi_market_dominance: silver.fact_global_market -> silver.kpi_market_dominance"
                + " (overwrite, models/kpi_market_dominance.sql)",
            "  4. model kpi_category_dominance: silver.dim_crypto_category, silver.fact_crypto_category,"
                + " silver.fact_global_market -> silver.kpi_category_dominance"
                + " (overwrite, models/kpi_category_dominance.sql)",
            "load",
            "  5. load fact_global_market: silver.fact_global_market -> warehouse fact_global_market (append)",
            "  6. load kpi_market_dominance: silver.kpi_market_dominance -> warehouse kpi_market_dominance"
                + " (insert-missing on snapshot_date)",
            "  7. load kpi_category_dominance: silver.kpi_category_dominance -> warehouse kpi_category_dominance"
                + " (insert-missing on category_id, snapshot_date,"
                + " keep category_id found in dim_crypto_category(category_id))",
            "  8. post-load refresh_latest_views: run warehouse/refresh_latest_views.sql in the warehouse",
        ]
        #expect(text.split(separator: "\n").map(String.init) == expected)
    }
}
