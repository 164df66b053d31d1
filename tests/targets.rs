//! Target meaning on invented policy-style text: indicator, measure, status, year; and a
//! property test that extraction never panics and every span lies inside the document.

use proptest::prelude::*;
use std::sync::OnceLock;
use zhengce::document::{Measure, Status, Target};
use zhengce::{Document, Pipeline};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new().expect("embedded dictionaries parse"))
}

fn extract(text: &str) -> Document {
    pipeline().extract_text("t.txt", text)
}

/// The target whose quantity is written exactly as `written`.
fn target<'d>(doc: &'d Document, text: &str, written: &str) -> &'d Target {
    let chars: Vec<char> = text.chars().collect();
    doc.targets
        .iter()
        .find(|t| chars[t.span[0]..t.span[1]].iter().collect::<String>() == written)
        .unwrap_or_else(|| panic!("no target {written:?} in {:?}", doc.targets))
}

fn indicator<'d>(doc: &'d Document, text: &str, written: &str) -> &'d str {
    target(doc, text, written).indicator.as_deref().unwrap_or("")
}

const PLAN: &str = "某县产业发展三年行动计划(2024-2026年)\n\
一、发展目标\n\
到2026年,全县数字经济核心产业增加值达到80亿元,年均增长9%;一般公共预算收入突破12亿元;\
城镇调查失业率控制在5%以内;森林覆盖率提高到46%;新建5G基站900个。\n\
二、重点任务\n\
力争规上工业增加值增长8%以上,培育省级专精特新企业20家,建成市级创新平台6个。\n";

#[test]
fn plan_indicators_are_the_noun_phrase() {
    let doc = extract(PLAN);
    assert_eq!(indicator(&doc, PLAN, "80亿元"), "全县数字经济核心产业增加值");
    assert_eq!(indicator(&doc, PLAN, "突破12亿元"), "一般公共预算收入");
    assert_eq!(indicator(&doc, PLAN, "46%"), "森林覆盖率");
    assert!(indicator(&doc, PLAN, "900个").ends_with("基站"));
    assert_eq!(indicator(&doc, PLAN, "20家"), "省级专精特新企业");
    assert_eq!(indicator(&doc, PLAN, "6个"), "市级创新平台");
    // A growth rate with no subject of its own measures the clause before.
    assert_eq!(indicator(&doc, PLAN, "9%"), "全县数字经济核心产业增加值");
}

#[test]
fn plan_measure_status_and_year() {
    let doc = extract(PLAN);
    assert_eq!(target(&doc, PLAN, "9%").measure, Measure::Growth);
    assert_eq!(target(&doc, PLAN, "46%").measure, Measure::Share);
    assert_eq!(target(&doc, PLAN, "80亿元").measure, Measure::Level);
    for t in &doc.targets {
        assert_eq!(t.status, Status::Target, "{t:?}");
    }
    assert_eq!(target(&doc, PLAN, "80亿元").year, Some(2026));
}

const REPORT: &str = "2025年某镇人民政府工作报告\n\
一、2024年工作回顾\n\
过去一年,全镇完成固定资产投资64亿元,同比增长11.2%;实现税收收入7.3亿元;累计改造老旧小区27个。\
全镇现有行政村14个,辖区内有社区9个。\n\
二、2025年工作安排\n\
全年预期目标是:地区生产总值增长6%左右,招引亿元以上产业项目12个,新增城镇就业岗位2500个。\n";

#[test]
fn report_tells_results_from_plans() {
    let doc = extract(REPORT);
    let done = target(&doc, REPORT, "64亿元");
    assert_eq!(done.status, Status::Achieved);
    assert_eq!(done.indicator.as_deref(), Some("固定资产投资"));
    assert_eq!(done.year, Some(2024));
    let growth = target(&doc, REPORT, "11.2%");
    assert_eq!(growth.measure, Measure::Growth);
    assert_eq!(growth.indicator.as_deref(), Some("固定资产投资"));
    assert_eq!(target(&doc, REPORT, "27个").status, Status::Achieved);
    assert_eq!(target(&doc, REPORT, "9个").status, Status::Fact);
    let plan = target(&doc, REPORT, "2500个");
    assert_eq!(plan.status, Status::Target);
    assert_eq!(plan.year, Some(2025));
    assert_eq!(plan.indicator.as_deref(), Some("城镇就业岗位"));
    assert_eq!(target(&doc, REPORT, "6%左右").status, Status::Target);
}

const NEWS: &str = "某街道聚力打造科创高地\n\
记者从某街道获悉,截至今年9月底,街道已引进科技型企业73家,高新技术产业产值占工业总产值的比重达到58.4%。\
下一步,街道将引进不少于30家创新型企业、4个研发团队和6家总部企业,新建人才公寓600套。\n\
该产业园总占地面积约310亩,辖区内有12个居民小区。\n";

#[test]
fn news_lists_take_the_noun_after_the_number() {
    let doc = extract(NEWS);
    assert_eq!(indicator(&doc, NEWS, "不少于30家"), "创新型企业");
    assert_eq!(indicator(&doc, NEWS, "4个"), "研发团队");
    assert_eq!(indicator(&doc, NEWS, "6家"), "总部企业");
    assert_eq!(indicator(&doc, NEWS, "600套"), "人才公寓");
    assert_eq!(indicator(&doc, NEWS, "12个"), "居民小区");
    assert_eq!(target(&doc, NEWS, "58.4%").measure, Measure::Share);
}

#[test]
fn news_status_from_cues() {
    let doc = extract(NEWS);
    assert_eq!(target(&doc, NEWS, "73家").status, Status::Achieved);
    assert_eq!(target(&doc, NEWS, "不少于30家").status, Status::Target);
    assert_eq!(target(&doc, NEWS, "600套").status, Status::Target);
    assert_eq!(target(&doc, NEWS, "约310亩").status, Status::Fact);
    assert_eq!(target(&doc, NEWS, "12个").status, Status::Fact);
}

#[test]
fn framing_durations_are_not_targets() {
    let text = "近3年来,全区新增高新技术企业120家,打造15分钟便民生活圈。审批时限压缩至3个工作日。";
    let doc = extract(text);
    assert!(doc.targets.iter().all(|t| t.unit != "年"), "{:?}", doc.targets);
    assert_eq!(target(&doc, text, "120家").status, Status::Achieved);
}

fn check_spans(doc: &Document) {
    let n = doc.chars;
    for t in &doc.targets {
        assert!(t.span[0] <= t.span[1] && t.span[1] <= n, "{t:?} outside {n}");
    }
    for s in &doc.sections {
        assert!(s.span[0] <= s.span[1] && s.span[1] <= n, "{s:?} outside {n}");
    }
    for p in &doc.projects {
        for m in &p.mentions {
            assert!(m[0] <= m[1] && m[1] <= n, "{p:?} outside {n}");
        }
    }
    for k in &doc.tasks {
        assert!(k.span[0] <= k.span[1] && k.span[1] <= n, "{k:?} outside {n}");
    }
}

/// Pieces of policy text, numbers, units and punctuation that adversarial inputs are made of.
fn policy_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("到2025年".to_string()),
        Just("力争".to_string()),
        Just("已".to_string()),
        Just("同比增长".to_string()),
        Just("占".to_string()),
        Just("的".to_string()),
        Just("、".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("“".to_string()),
        Just("，".to_string()),
        Just("。".to_string()),
        Just("\n".to_string()),
        Just("一、".to_string()),
        Just("(二)".to_string()),
        Just("以上".to_string()),
        Just("不少于".to_string()),
        Just("翻一番".to_string()),
        Just("个百分点".to_string()),
        "[0-9０-９.%％]{1,6}",
        "[零一二三四五六七八九十百千万亿余两]{1,4}",
        "(个|家|亿元|万平方米|%|套|名|年)",
        "[\\u4e00-\\u9fa5]{1,6}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_fit(pieces in proptest::collection::vec(policy_piece(), 0..40)) {
        let text: String = pieces.concat();
        let doc = extract(&text);
        prop_assert_eq!(doc.chars, text.chars().count());
        check_spans(&doc);
    }

    #[test]
    fn random_strings_never_panic(text in any::<String>()) {
        let doc = extract(&text);
        check_spans(&doc);
    }
}

const GOV: &str = "政府工作报告\n\
——2025年1月12日在某县第九届人民代表大会第四次会议上\n\
一、2024年工作回顾\n\
过去一年,全县地区生产总值达到388亿元,增长5.8%;固定资产投资完成214亿元。\
实施省市重点项目39个,新建幼儿园3所。全县现有行政村126个。\n\
二、2025年工作安排\n\
今年的主要预期目标是:城乡居民人均可支配收入分别增长5.5%和7%,较2024年提高1个百分点。\n";

#[test]
fn review_section_makes_results_and_plan_section_targets() {
    let doc = extract(GOV);
    for w in ["388亿元", "5.8%", "214亿元", "39个", "3所"] {
        let t = target(&doc, GOV, w);
        assert_eq!(t.status, Status::Achieved, "{w}: {t:?}");
        assert_eq!(t.year, Some(2024), "{w}: {t:?}");
    }
    assert_eq!(indicator(&doc, GOV, "214亿元"), "固定资产投资");
    assert_eq!(target(&doc, GOV, "126个").status, Status::Fact);
    let second = target(&doc, GOV, "7%");
    assert_eq!(second.measure, Measure::Growth);
    assert_eq!(second.status, Status::Target);
    assert!(second.indicator.as_deref().unwrap_or("").ends_with("可支配收入"), "{second:?}");
    // `较2024年` is the base of the comparison, not the year of the target.
    assert_eq!(target(&doc, GOV, "1个百分点").year, Some(2025));
}

#[test]
fn a_label_before_a_colon_names_the_value() {
    let text = "二、主要指标\n地区生产总值:480亿元;研发投入强度:2.6%。";
    let doc = extract(text);
    assert_eq!(indicator(&doc, text, "480亿元"), "地区生产总值");
    assert_eq!(indicator(&doc, text, "2.6%"), "研发投入强度");
}

#[test]
fn results_flow_on_until_a_plan_cue() {
    let text = "竹海生金——某乡特色产业发展纪实\n\
近年来,某乡大力发展竹产业。全乡种植毛竹5.6万亩,年产值达3.1亿元。\n\
乡里建成竹制品加工厂9个,培育龙头企业4家。\n\
“下一步,我们将新建竹文化体验馆1座,力争到2027年竹产业综合产值突破6亿元。”\n";
    let doc = extract(text);
    for w in ["5.6万亩", "3.1亿元", "9个", "4家"] {
        assert_eq!(target(&doc, text, w).status, Status::Achieved, "{w}");
    }
    assert_eq!(target(&doc, text, "1座").status, Status::Target);
    let goal = target(&doc, text, "突破6亿元");
    assert_eq!(goal.status, Status::Target);
    assert_eq!(goal.year, Some(2027));
    assert_eq!(goal.indicator.as_deref(), Some("竹产业综合产值"));
}

#[test]
fn a_count_that_frames_an_existence_statement_is_a_fact() {
    let text = "截至目前,全区12个街道均有社区食堂,其中8个街道已实现助餐服务全覆盖,累计服务老人3.5万人次。";
    let doc = extract(text);
    assert_eq!(target(&doc, text, "12个").status, Status::Fact);
    assert_eq!(target(&doc, text, "8个").status, Status::Achieved);
    assert_eq!(target(&doc, text, "3.5万人次").status, Status::Achieved);
    assert_eq!(indicator(&doc, text, "12个"), "街道");
}

#[test]
fn shares_and_predicates_between_indicator_and_number() {
    let text =
        "到2026年,战略性新兴产业产值占规上工业总产值比重达到45%,5G基站新建800个,高新技术企业力争达到150家。";
    let doc = extract(text);
    assert_eq!(indicator(&doc, text, "45%"), "战略性新兴产业产值占规上工业总产值比重");
    assert_eq!(target(&doc, text, "45%").measure, Measure::Share);
    assert_eq!(indicator(&doc, text, "800个"), "5G基站");
    assert_eq!(indicator(&doc, text, "150家"), "高新技术企业");
}

#[test]
fn a_quoted_term_right_before_the_number_is_the_indicator() {
    let text = "今年计划建成“一刻钟便民生活圈”10个,打造\"智慧菜场\" 5家。";
    let doc = extract(text);
    assert_eq!(indicator(&doc, text, "10个"), "一刻钟便民生活圈");
    assert_eq!(indicator(&doc, text, "5家"), "智慧菜场");
}

#[test]
fn change_verbs_before_the_number_are_not_part_of_the_indicator() {
    let text = "到2026年,网上可办事项扩大至80项,审批时限缩短到3个工作日,办事材料减少到5份。";
    let doc = extract(text);
    assert_eq!(indicator(&doc, text, "80项"), "网上可办事项");
    assert_eq!(indicator(&doc, text, "3个工作日"), "审批时限");
    assert_eq!(indicator(&doc, text, "5份"), "办事材料");
}

const HALF_YEAR: &str = "某镇2025年上半年工作情况的报告\n\
上半年,全镇实现工业产值52亿元,比上年同期增长9.1%,完成全年目标任务的55%;\
社会消费品零售总额较去年同期提高1.5个百分点。全镇辖12个行政村。\n\
下半年,力争全年财政收入比2020年翻一番。\n";

#[test]
fn progress_reports_and_comparison_bases() {
    let doc = extract(HALF_YEAR);
    let output = target(&doc, HALF_YEAR, "52亿元");
    assert_eq!(output.status, Status::Achieved, "a progress report reports results");
    assert_eq!(output.year, Some(2025), "比上年同期 is a base, not last year");
    assert_eq!(target(&doc, HALF_YEAR, "55%").status, Status::Achieved, "完成…目标 is progress");
    let points = target(&doc, HALF_YEAR, "1.5个百分点");
    assert_eq!(points.indicator.as_deref(), Some("社会消费品零售总额"));
    assert_eq!(points.year, Some(2025));
    assert_eq!(target(&doc, HALF_YEAR, "12个").status, Status::Fact);
    let doubled = target(&doc, HALF_YEAR, "翻一番");
    assert_eq!(doubled.indicator.as_deref(), Some("财政收入"));
    assert_eq!(doubled.status, Status::Target);
}

#[test]
fn table_cells_bound_the_clause() {
    let text = "序号\t工作任务\t目标要求\t牵头单位\n1\t建设美丽庭院\t新建示范户300户\t农业办\n";
    let doc = extract(text);
    let t = target(&doc, text, "300户");
    assert_eq!(t.text, "新建示范户300户");
}

#[test]
fn per_capita_yongyou_is_not_a_static_description() {
    let text = "到2025年,全县学前教育毛入园率达到95%。每千人口拥有3岁以下婴幼儿托位数达到4.5个。";
    let doc = extract(text);
    assert_eq!(target(&doc, text, "4.5个").status, Status::Target);
}

#[test]
fn latin_indicators_and_spans_of_years() {
    let text = "到2027年,全市R&D经费投入强度达到3.2%,高新技术企业数量三年翻一番,规上企业营收五年增长40%。";
    let doc = extract(text);
    assert_eq!(indicator(&doc, text, "3.2%"), "全市R&D经费投入强度");
    assert_eq!(indicator(&doc, text, "翻一番"), "高新技术企业数量");
    assert_eq!(indicator(&doc, text, "40%"), "规上企业营收");
}

#[test]
fn a_total_over_the_plan_span_is_planned_but_a_past_total_is_a_result() {
    let text = "某县2026年工作要点\n今年三年累计投入财政资金20亿元。近三年累计完成投资80亿元。";
    let doc = extract(text);
    assert_eq!(target(&doc, text, "20亿元").status, Status::Target);
    assert_eq!(target(&doc, text, "80亿元").status, Status::Achieved);
}

#[test]
fn quan_nian_in_a_review_is_the_year_reported_on() {
    let review = "某街道2024年工作总结\n全年完成税收收入3.2亿元,接待游客60万人次。\n";
    let doc = extract(review);
    assert_eq!(target(&doc, review, "3.2亿元").status, Status::Achieved);
    assert_eq!(target(&doc, review, "60万人次").status, Status::Achieved);
    let plan = "某街道2025年工作要点\n全年完成税收收入3.5亿元,接待游客65万人次。\n";
    let doc = extract(plan);
    assert_eq!(target(&doc, plan, "3.5亿元").status, Status::Target);
}

#[test]
fn a_fact_noun_that_starts_an_indicator_is_no_fact_cue() {
    let text = "某县2024年计划执行情况\n全年常住人口城镇化率达到61%。全县常住人口52万人。\n";
    let doc = extract(text);
    assert_eq!(target(&doc, text, "61%").status, Status::Achieved);
    assert_eq!(target(&doc, text, "52万人").status, Status::Fact);
}

#[test]
fn quanbu_between_indicator_and_comparator_is_skipped() {
    let text = "力争各村集体经济收入全部超过三十万元。";
    let doc = extract(text);
    assert!(indicator(&doc, text, "超过三十万元").ends_with("集体经济收入"), "{:?}", doc.targets);
}

#[test]
fn indicator_tables_take_the_unit_from_the_row_label_and_the_year_from_the_header() {
    let text = "某区“十四五”规划\n表1 主要指标\n\
指标\t2020年\t2025年\t年均增长\t属性\n\
地区生产总值(亿元)\t480\t700\t7%\t预期性\n\
城镇登记失业率(%)\t3.2\t<4.5\t约束性\n\
| 序号 | 指标 | 2020年 | 2025年 |\n\
| 1 | 常住人口(万人) | 52 | 56 |\n";
    let doc = extract(text);
    let base = target(&doc, text, "480");
    assert_eq!((base.indicator.as_deref(), base.unit.as_str()), (Some("地区生产总值"), "亿元"));
    assert_eq!((base.status, base.year), (Status::Achieved, Some(2020)));
    let goal = target(&doc, text, "700");
    assert_eq!((goal.status, goal.year), (Status::Target, Some(2025)));
    assert_eq!(goal.normalized.as_ref().map(|n| n.value), Some(7e10));
    let rate = target(&doc, text, "7%");
    assert_eq!((rate.measure, rate.status, rate.year), (Measure::Growth, Status::Target, Some(2025)));
    let cap = target(&doc, text, "<4.5");
    assert_eq!((cap.unit.as_str(), cap.status), ("%", Status::Target));
    // A pipe table with a row number first: the cell naming the unit is the label.
    let people = target(&doc, text, "56");
    assert_eq!((people.indicator.as_deref(), people.unit.as_str()), (Some("常住人口"), "万人"));
    assert_eq!((people.status, people.year), (Status::Target, Some(2025)));
    // Task-table rows with no unit in a label cell give no targets from bare numbers.
    let tasks = "序号	任务	数量	牵头单位
1	新建公园	3	城建办
";
    assert!(extract(tasks).targets.is_empty());
}

#[test]
fn a_change_over_a_plan_period_dates_both_ends() {
    let text = "某区2016年政府工作报告\n一、过去五年工作回顾\n\
过去五年,全区地区生产总值由2010年的100.5亿元增加到2015年的180.2亿元,年均增长12%。\
去年,地区生产总值达到 180.2亿元,同比增长8.5%。\n\
二、2016年工作安排\n地区生产总值增长7%。\n";
    let doc = extract(text);
    let start = target(&doc, text, "100.5亿元");
    assert_eq!((start.status, start.year), (Status::Achieved, Some(2010)), "the start of the change");
    let end = target(&doc, text, "180.2亿元");
    assert_eq!((end.status, end.year), (Status::Achieved, Some(2015)), "到2015年 is past in 2016");
    // A space between the verb and the number hides nothing.
    let spaced = doc.targets.iter().filter(|t| t.value == 180.2).nth(1).expect("the second 180.2");
    assert_eq!(spaced.indicator.as_deref(), Some("地区生产总值"));
}

#[test]
fn a_horizon_dates_the_goals_listed_after_it_in_its_sentence() {
    let text = "某县2017年政府工作报告\n今后五年的主要目标是:到2021年全县生产总值达到150亿元,年均增长9%以上,城镇化率提高到60%。\n";
    let doc = extract(text);
    for written in ["150亿元", "9%以上", "60%"] {
        let t = target(&doc, text, written);
        assert_eq!((t.status, t.year), (Status::Target, Some(2021)), "{written}");
    }
}
