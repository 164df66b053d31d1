//! Scoring on hand-made gold and predictions: each case is one rule of `score.py`.

use super::*;
use serde_json::json;

fn gold(v: Value) -> Gold {
    serde_json::from_value(v).unwrap()
}

fn target(quote: &str, value: f64, unit: &str, status: &str) -> Value {
    json!({"quote": quote, "value": value, "unit": unit, "indicator": "投资", "comparator": "=",
           "measure": "level", "status": status, "year": 2024})
}

fn pred_target(span: [usize; 2], value: f64, unit: &str, status: &str) -> Value {
    json!({"span": span, "text": "t", "indicator": "固定资产投资", "value": value, "unit": unit,
           "normalized": null, "comparator": "=", "measure": "level", "status": status, "year": 2024})
}

const TEXT: &str = "固定资产投资50亿元，新增就业1.2万人，占地226亩。";

#[test]
fn targets_match_by_overlap_and_normalized_value() {
    let g = gold(json!({"doc": "a.txt", "targets": [
        target("投资50亿元", 50.0, "亿元", "target"),
        target("就业1.2万人", 1.2, "万人", "target"),
    ]}));
    // 50亿元 as 5e9 元 via `normalized`; 12000 人 written without magnitude still matches.
    let mut t1 = pred_target([6, 10], 50.0, "亿元", "target");
    t1["normalized"] = json!({"value": 5e9, "unit": "元"});
    let t2 = pred_target([15, 20], 12000.0, "人", "achieved");
    let extra = pred_target([23, 26], 226.0, "亩", "target");
    let pred = json!({"targets": [t1, t2, extra]});
    let d = score_doc(&g, Some(&pred), Some(TEXT));
    assert_eq!(d.counts.targets, Tally { tp: 2, fp: 1, fn_: 0 });
    // Goal: one right, one gold target predicted achieved, one false alarm predicted target.
    assert_eq!(d.counts.goal, Tally { tp: 1, fp: 1, fn_: 1 });
    assert_eq!(d.counts.status, Hits { ok: 1, n: 2 });
    assert!(d
        .findings
        .iter()
        .any(|f| matches!(f, Finding::FalseTarget { quantity, .. } if quantity == "226")));
    assert!(d.findings.iter().any(
        |f| matches!(f, Finding::WrongField { field: "status", predicted, .. } if predicted == "achieved")
    ));
}

#[test]
fn spans_must_overlap_and_a_prediction_matches_once() {
    let g = gold(json!({"doc": "a.txt", "targets": [target("投资50亿元", 50.0, "亿元", "target")]}));
    // Right value, but the span lies elsewhere.
    let pred = json!({"targets": [pred_target([0, 2], 50.0, "亿元", "target")]});
    let d = score_doc(&g, Some(&pred), Some(TEXT));
    assert_eq!(d.counts.targets, Tally { tp: 0, fp: 1, fn_: 1 });
}

#[test]
fn optional_gold_is_neither_rewarded_nor_penalised() {
    let mut t = target("占地226亩", 226.0, "亩", "fact");
    t["optional"] = json!(true);
    let g = gold(json!({"doc": "a.txt", "targets": [t, target("投资50亿元", 50.0, "亿元", "target")]}));
    let hit = json!({"targets": [pred_target([23, 26], 226.0, "亩", "target")]});
    let d = score_doc(&g, Some(&hit), Some(TEXT));
    assert_eq!(d.counts.targets, Tally { tp: 0, fp: 0, fn_: 1 });
    assert_eq!(d.counts.goal, Tally { tp: 0, fp: 0, fn_: 1 });
    assert_eq!(d.counts.status.n, 0);
}

#[test]
fn a_quote_not_in_the_text_is_left_out_but_reported() {
    let g = gold(json!({"doc": "a.txt", "targets": [target("不在文中10个", 10.0, "个", "target")]}));
    let d = score_doc(&g, Some(&json!({})), Some(TEXT));
    assert_eq!(d.counts.targets, Tally::default());
    assert!(matches!(d.findings[0], Finding::QuoteNotFound { .. }));
}

#[test]
fn no_output_counts_every_gold_item_as_missed() {
    let g = gold(json!({"doc": "a.txt", "title": "标题", "units": ["经发办"],
        "targets": [target("投资50亿元", 50.0, "亿元", "target")],
        "projects": [{"name": "滨河公园"}],
        "tasks": [{"title": "建设公园", "units": [{"name": "经发办", "role": "lead"}]}]}));
    for text in [Some(TEXT), None] {
        let d = score_doc(&g, None, text);
        assert!(d.missing);
        assert_eq!(d.counts.targets.fn_, 1);
        assert_eq!(d.counts.goal.fn_, 1);
        assert_eq!(d.counts.projects_lenient.fn_, 1);
        assert_eq!(d.counts.units.fn_, 1);
        assert_eq!(d.counts.assign.fn_, 1);
        assert_eq!(d.counts.title, Hits { ok: 0, n: 1 });
    }
}

#[test]
fn projects_strict_and_lenient() {
    let g = gold(json!({"doc": "a.txt", "projects": [
        {"name": "九星城项目", "aliases": ["九星城"]},
        {"name": "上海机器人展示中心"},
        {"name": "滨河公园", "optional": true},
    ]}));
    let pred = json!({"projects": [{"name": "“九星城”"}, {"name": "机器人展示中心"}, {"name": "滨河公园"}, {"name": "中心"}]});
    let d = score_doc(&g, Some(&pred), Some(""));
    // `机器人展示中心` is 7 of 9 characters of the gold name: lenient only.
    assert_eq!(d.counts.projects_strict, Tally { tp: 1, fp: 2, fn_: 1 });
    assert_eq!(d.counts.projects_lenient, Tally { tp: 2, fp: 1, fn_: 0 });
    assert!(d.findings.contains(&Finding::ExtraProject { name: "中心".into() }));
}

#[test]
fn units_sets_with_optional_units() {
    let g = gold(json!({"doc": "a.txt", "units": ["经发办", "规建办"], "units_optional": ["各村"]}));
    let pred =
        json!({"units": [{"name": "经发办"}, {"name": "各村"}, {"name": "财政所"}, {"name": "经发办"}]});
    let d = score_doc(&g, Some(&pred), Some(""));
    assert_eq!(d.counts.units, Tally { tp: 1, fp: 1, fn_: 1 });
}

#[test]
fn tasks_match_by_title_and_roles_are_checked() {
    let g = gold(json!({"doc": "a.txt", "tasks": [
        {"title": "推进滨河公园建设", "units": [{"name": "规建办", "role": "lead"}, {"name": "经发办", "role": "support"}]},
        {"title": "完全不同的任务", "units": [{"name": "财政所", "role": "responsible"}]},
    ]}));
    let pred = json!({"tasks": [
        {"title": "(一)推进滨河公园建设工作", "units": [{"name": "规建办", "role": "lead"}, {"name": "经发办", "role": "lead"}, {"name": "村委", "role": "support"}]},
    ]});
    let d = score_doc(&g, Some(&pred), Some(""));
    assert_eq!(d.counts.assign, Tally { tp: 2, fp: 1, fn_: 1 });
    assert_eq!(d.counts.role, Hits { ok: 1, n: 2 });
    assert!(d
        .findings
        .iter()
        .any(|f| matches!(f, Finding::MissedTask { title, .. } if title == "完全不同的任务")));
}

#[test]
fn title_needs_eighty_percent_and_issuer_takes_alternatives() {
    let g = gold(json!({"doc": "a.txt", "title": "关于印发某某方案的通知", "issuer": "松江区人民政府办公室",
        "issuer_alt": ["松江区"], "date": "2024-01-29"}));
    let pred = json!({"title": "《关于印发某某方案的通知》（沪松府办〔2024〕1号）", "issuer": "松江区", "date": "2024-01"});
    let d = score_doc(&g, Some(&pred), Some(""));
    assert_eq!(
        (d.counts.title, d.counts.issuer, d.counts.date),
        (Hits { ok: 1, n: 1 }, Hits { ok: 1, n: 1 }, Hits { ok: 0, n: 1 })
    );
}

#[test]
fn micro_averages_and_bars() {
    let g = gold(json!({"doc": "a.txt", "units": ["经发办", "规建办"]}));
    let a = score_doc(&g, Some(&json!({"units": [{"name": "经发办"}]})), Some(""));
    let b = score_doc(&gold(json!({"doc": "b.txt", "units": ["财政所"]})), None, Some(""));
    let eval = Evaluation::new(vec![a, b]);
    assert_eq!(eval.metrics.units, Prf { p: 1.0, r: 0.3333, f1: 0.5, tp: 1, fp: 0, fn_: 2 });
    assert_eq!(eval.missing, ["b.txt"]);
    let bars: Vec<Bar> = ["units.f1=0.5", "units.r=0.5", "status.acc=0.1", "units.fn=3"]
        .iter()
        .map(|b| Bar::parse(b).unwrap())
        .collect();
    assert_eq!(eval.short_of(&bars), ["units.r 0.3333 < 0.5", "status.acc None < 0.1", "units.fn 2 < 3"]);
    assert!(Bar::parse("units.f2=0.5").is_err());
    assert!(Bar::parse("units.f1").is_err());
    assert!(Bar::parse("units.f1=x").is_err());
}

#[test]
fn kinds_are_micro_averaged_on_their_own() {
    let a = gold(json!({"doc": "a.txt", "kind": "plan", "units": ["经发办"]}));
    let b = gold(json!({"doc": "b.txt", "kind": "notice", "units": ["规建办"]}));
    let c = gold(json!({"doc": "c.txt", "units": ["财政所"]}));
    let hit = json!({"units": [{"name": "经发办"}]});
    let eval = Evaluation::new(vec![
        score_doc(&a, Some(&hit), Some("")),
        score_doc(&b, Some(&json!({})), Some("")),
        score_doc(&c, Some(&json!({})), Some("")),
    ]);
    let kinds: Vec<(&str, usize, f64)> =
        eval.by_kind.iter().map(|k| (k.kind.as_str(), k.docs, k.metrics.units.f1)).collect();
    assert_eq!(kinds, [("-", 1, 0.0), ("notice", 1, 0.0), ("plan", 1, 1.0)]);
    assert!(kind_table(&eval).lines().nth(3).unwrap().starts_with("plan"));
}
