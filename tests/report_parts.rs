//! Work reports read as researchers code them: the review part reports the year before the
//! report's, the plan part sets the report's year's targets; and the fields beside a value
//! (`hedge`, `binding`, `base`). Every passage is invented for these tests.

use std::sync::OnceLock;
use zhengce::document::{Binding, Comparator, Hedge, Measure, Status, Target};
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
        .unwrap_or_else(|| panic!("no target {written:?} in {:#?}", doc.targets))
}

/// An excerpt with no review heading: everything before the plan's opening sentence reviews
/// the year before.
const EXCERPT: &str = "各位代表：\n\
现在，我代表市人民政府向大会报告工作。\n\
全市生产总值完成820亿元，增长5.1%。预计全年外贸进出口总额210亿元、增长9%。\n\
投资60亿元的滨河大道改造工程开工建设，投资18亿元的体育中心建成投用。\n\
累计建成5G基站4200个。新增专精特新企业35家。\n\
新材料产业营收由2021年的90亿元增长到150亿元。在全省16个设区市中排名第4。\n\
2024年全市经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入同比增长4%，城镇新增就业2.1万人以上。\n\
力争规上工业增加值增长7%，确保粮食产量稳定在120万吨以上，到2027年建成区绿化覆盖率达到42%。\n\
落实《城市更新三年行动方案（2021—2023年）》，新建口袋公园30个。三年累计投入乡村振兴资金30亿元。\n\
对新认定的国家级企业技术中心给予一次性奖励50万元，单个企业最高不超过100万元。\n";

#[test]
fn an_excerpt_reviews_the_year_before_its_plan() {
    let doc = extract(EXCERPT);
    for w in ["820亿元", "5.1%", "35家"] {
        let t = target(&doc, EXCERPT, w);
        assert_eq!((t.status, t.year), (Status::Achieved, Some(2023)), "{w}: {t:?}");
    }
    for w in ["5.5%左右", "4%", "2.1万人以上", "7%", "120万吨以上", "30个"] {
        let t = target(&doc, EXCERPT, w);
        assert_eq!((t.status, t.year), (Status::Target, Some(2024)), "{w}: {t:?}");
    }
    // A horizon of its own; a period cited in a title sets no year.
    assert_eq!(target(&doc, EXCERPT, "42%").year, Some(2027));
    // `累计` in a plan is a planned total.
    assert_eq!(target(&doc, EXCERPT, "30亿元").status, Status::Target);
}

#[test]
fn estimates_specs_changes_and_classes_in_a_review() {
    let doc = extract(EXCERPT);
    // `预计` reaches every amount after it in its sentence.
    for w in ["210亿元", "9%"] {
        let t = target(&doc, EXCERPT, w);
        assert_eq!((t.status, t.comparator), (Status::Achieved, Comparator::Approx), "{w}");
        assert_eq!(t.hedge, Some(Hedge::About), "{w}");
    }
    // The specs of a project still being built are targets of no particular year; a project
    // finished in the year is a result.
    let built = target(&doc, EXCERPT, "60亿元");
    assert_eq!((built.status, built.year), (Status::Target, None));
    let done = target(&doc, EXCERPT, "18亿元");
    assert_eq!((done.status, done.year), (Status::Achieved, Some(2023)));
    // A change: the start is the written year's value, the end point this year's result.
    let from = target(&doc, EXCERPT, "90亿元");
    assert_eq!((from.status, from.year), (Status::Achieved, Some(2021)));
    let to = target(&doc, EXCERPT, "150亿元");
    assert_eq!((to.status, to.year), (Status::Achieved, Some(2023)));
    let base = to.base.as_ref().expect("base of a change");
    assert_eq!((base.year, base.value), (Some(2021), Some(90.0)));
    assert_eq!(to.indicator.as_deref(), Some("新材料产业营收"));
    // The class a ranking is made in describes, it reports nothing.
    assert_eq!(target(&doc, EXCERPT, "16个").status, Status::Fact);
    // `累计` over several years has no single year.
    let total = target(&doc, EXCERPT, "4200个");
    assert_eq!((total.status, total.year), (Status::Achieved, None));
}

#[test]
fn parameters_are_facts_and_hedges_are_coded() {
    let doc = extract(EXCERPT);
    for w in ["50万元", "不超过100万元"] {
        assert_eq!(target(&doc, EXCERPT, w).status, Status::Fact, "{w}");
    }
    let scheme = "年度考核实行百分制，评分内容为：队伍建设（15分），安全管理（25分）。";
    let scored = extract(scheme);
    let weight = target(&scored, scheme, "15分");
    assert_eq!((weight.status, weight.indicator.as_deref()), (Status::Fact, Some("队伍建设")));
    assert_eq!(target(&doc, EXCERPT, "5.5%左右").hedge, Some(Hedge::About));
    assert_eq!(target(&doc, EXCERPT, "7%").hedge, Some(Hedge::Aim));
    assert_eq!(target(&doc, EXCERPT, "120万吨以上").hedge, Some(Hedge::Firm));
    assert_eq!(target(&doc, EXCERPT, "30个").hedge, None);
    // `同比` is measured from the year before the target's.
    let yoy = target(&doc, EXCERPT, "4%").base.as_ref().expect("同比");
    assert_eq!((yoy.year, yoy.annual), (Some(2023), false));
}

/// A report with headings, and a plan after it in another document.
const REPORT: &str = "政府工作报告\n\
一、2023年工作回顾\n\
全年新开工项目86个，其中亿元以上项目31个。\n\
二、2024年工作安排\n\
今年要新增市场主体5000户，其中去年已落地的23个项目全部投产。\n";

#[test]
fn headings_set_the_parts_and_results_cited_in_a_plan_stay_results() {
    let doc = extract(REPORT);
    assert_eq!(target(&doc, REPORT, "86个").status, Status::Achieved);
    assert_eq!(target(&doc, REPORT, "31个").year, Some(2023));
    assert_eq!(target(&doc, REPORT, "5000户").status, Status::Target);
    let cited = target(&doc, REPORT, "23个");
    assert_eq!((cited.status, cited.year), (Status::Achieved, Some(2023)));
}

const PLAN: &str = "某区“十四五”生态环境保护规划\n\
一、主要目标\n\
到2025年，单位地区生产总值能耗比2020年下降13.5%（约束性），地区生产总值年均增长6%左右，\
森林覆盖率由2020年的60%提高到63%。\n\
二、预期性指标\n\
全区已建成污水处理厂4座。新建污水处理厂2座。\n\
指标\t2020年\t2025年\t属性\n\
空气质量优良天数比例（%）\t85\t90\t约束性\n";

#[test]
fn plans_code_binding_and_bases() {
    let doc = extract(PLAN);
    let energy = target(&doc, PLAN, "13.5%");
    assert_eq!(energy.binding, Some(Binding::Binding));
    assert_eq!(energy.base.as_ref().and_then(|b| b.year), Some(2020));
    let gdp = target(&doc, PLAN, "6%左右");
    assert_eq!(gdp.binding, None, "the mark after another number binds only that one");
    let annual = gdp.base.as_ref().expect("年均");
    assert!(annual.annual);
    assert_eq!(annual.year, Some(2020));
    assert_eq!(target(&doc, PLAN, "60%").indicator.as_deref(), Some("森林覆盖率"));
    assert_eq!(target(&doc, PLAN, "63%").measure, Measure::Share);
    // A section heading and a table's column say it too.
    assert_eq!(target(&doc, PLAN, "2座").binding, Some(Binding::Expected));
    assert_eq!(target(&doc, PLAN, "90").binding, Some(Binding::Binding));
    // `已` in one sentence does not make the next one a result.
    assert_eq!(target(&doc, PLAN, "4座").status, Status::Achieved);
    assert_eq!(target(&doc, PLAN, "2座").status, Status::Target);
}

#[test]
fn a_five_year_plan_with_a_review_section() {
    // A review heading alone makes no report: the plan's own cues decide.
    let text = "某县国民经济和社会发展第十四个五年规划纲要\n\
一、“十三五”发展回顾\n\
五年来，全县地区生产总值年均增长7.2%，建成高标准农田12万亩。\n\
二、主要目标\n\
到2025年，全县地区生产总值达到500亿元，城镇化率提高到60%。\n";
    let doc = extract(text);
    assert_eq!(target(&doc, text, "7.2%").status, Status::Achieved);
    let gdp = target(&doc, text, "500亿元");
    assert_eq!((gdp.status, gdp.year), (Status::Target, Some(2025)));
    // A plan heading for a span reviews the years before its start.
    let spanned = "一、发展回顾\n全县新建学校14所。\n二、2021—2025年发展目标\n新建学校20所。\n";
    let doc = extract(spanned);
    let built = target(&doc, spanned, "14所");
    assert_eq!((built.status, built.year), (Status::Achieved, Some(2020)));
    let planned = target(&doc, spanned, "20所");
    assert_eq!((planned.status, planned.year), (Status::Target, Some(2025)));
}
