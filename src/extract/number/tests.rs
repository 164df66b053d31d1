//! Table-driven cases, written as invented sentences in the style of policy documents.

use super::*;
use std::sync::OnceLock;

fn g() -> &'static NumberGrammar {
    static G: OnceLock<NumberGrammar> = OnceLock::new();
    G.get_or_init(|| NumberGrammar::new(&crate::lexicon::Lexicons::embedded().unwrap()).unwrap())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// The quantities of `text` that are not bare numbers.
fn real(text: &str) -> Vec<Quantity> {
    g().find(text).into_iter().filter(|q| !q.bare).collect()
}

/// Asserts the first real quantity in `$text`: value, value_max, unit, normalized value,
/// normalized unit, comparator.
macro_rules! t {
    ($text:expr => $v:expr, $max:expr, $unit:expr, $norm:expr, $base:expr, $cmp:expr) => {{
        let text: &str = $text;
        let qs = real(text);
        let q = qs.first().unwrap_or_else(|| panic!("no quantity in {text:?}: {:?}", g().find(text)));
        let max: Option<f64> = $max;
        assert!(close(q.value, $v), "{text:?}: value {} != {}", q.value, $v);
        assert_eq!(q.value_max.is_some(), max.is_some(), "{text:?}: value_max {:?}", q.value_max);
        if let (Some(a), Some(b)) = (q.value_max, max) {
            assert!(close(a, b), "{text:?}: value_max {a} != {b}");
        }
        assert_eq!(q.unit, $unit, "{text:?}: unit");
        let n = q.normalized.as_ref().expect("normalized");
        assert!(close(n.value, $norm), "{text:?}: normalized {} != {}", n.value, $norm);
        assert_eq!(n.unit, $base, "{text:?}: base unit");
        assert_eq!(q.comparator.as_str(), $cmp, "{text:?}: comparator");
    }};
}

/// Asserts that `$text` holds no quantity (bare numbers allowed).
macro_rules! none {
    ($text:expr) => {{
        let text: &str = $text;
        let qs = real(text);
        assert!(qs.is_empty(), "{text:?} should hold no quantity, got {qs:?}");
    }};
}

/// Asserts that `$text` holds no number at all, bare or not.
macro_rules! nothing {
    ($text:expr) => {{
        let text: &str = $text;
        let qs = g().find(text);
        assert!(qs.is_empty(), "{text:?} should hold no number, got {qs:?}");
    }};
}

#[test]
fn arabic_amounts_and_units() {
    t!("全年完成区级税收48亿元" => 48.0, None, "亿元", 4.8e9, "元", "=");
    t!("新增就业岗位1,200个" => 1200.0, None, "个", 1200.0, "个", "=");
    t!("实现规上工业产值128.17亿元" => 128.17, None, "亿元", 12817000000.0, "元", "=");
    t!("累计服务群众1.2万人" => 1.2, None, "万人", 12000.0, "人", "=");
    t!("拟投入资金3千万元" => 3.0, None, "千万元", 3e7, "元", "=");
    t!("安排专项资金5000万元" => 5000.0, None, "万元", 5e7, "元", "=");
    t!("全镇财政收入突破1亿元" => 1.0, None, "亿元", 1e8, "元", ">");
    t!("新建改建道路12.5公里" => 12.5, None, "公里", 12.5, "公里", "=");
    t!("改造老旧小区26.8万平方米" => 26.8, None, "万平方米", 268000.0, "平方米", "=");
    t!("流转土地2300亩" => 2300.0, None, "亩", 2300.0, "亩", "=");
    t!("整治河道3.6平方公里" => 3.6, None, "平方公里", 3.6, "平方公里", "=");
    t!("污水日处理能力达到6万吨/日" => 6.0, None, "万吨/日", 60000.0, "吨/日", "=");
    t!("年减排二氧化碳1.5万吨" => 1.5, None, "万吨", 15000.0, "吨", "=");
    t!("新增公共停车泊位860个" => 860.0, None, "个", 860.0, "个", "=");
    t!("审批时限压缩至3个工作日" => 3.0, None, "个工作日", 3.0, "个工作日", "=");
    t!("政务热线24小时在线" => 24.0, None, "小时", 24.0, "小时", "=");
    t!("招引外资项目12宗" => 12.0, None, "宗", 12.0, "宗", "=");
    t!("建成保障性租赁住房1500套" => 1500.0, None, "套", 1500.0, "套", "=");
    t!("发放消费券300万张" => 300.0, None, "万张", 3e6, "张", "=");
    t!("培训新型职业农民620人次" => 620.0, None, "人次", 620.0, "人次", "=");
    t!("引进高层次人才45名" => 45.0, None, "名", 45.0, "名", "=");
    t!("完成1,234,567元的结算" => 1234567.0, None, "元", 1234567.0, "元", "=");
    t!("合计2350万元" => 2350.0, None, "万元", 2.35e7, "元", "=");
    t!("新增绿地面积4.5公顷" => 4.5, None, "公顷", 4.5, "公顷", "=");
    t!("引进外资8000万美元" => 8000.0, None, "万美元", 8e7, "美元", "=");
    t!("新增充电桩210台" => 210.0, None, "台", 210.0, "台", "=");
    t!("改造农村公路36条" => 36.0, None, "条", 36.0, "条", "=");
    t!("新建标准厂房4栋" => 4.0, None, "栋", 4.0, "栋", "=");
    t!("全年接待游客560万人次" => 560.0, None, "万人次", 5.6e6, "人次", "=");
    t!("单位产值能耗下降0.35吨标准煤" => 0.35, None, "吨标准煤", 0.35, "吨标准煤", "=");
}

#[test]
fn percentages_multiples_and_points() {
    t!("地区生产总值增长6.5%" => 6.5, None, "%", 6.5, "%", "=");
    t!("城镇登记失业率控制在3.5%以内" => 3.5, None, "%", 3.5, "%", "<=");
    t!("研发投入强度提高0.3个百分点" => 0.3, None, "个百分点", 0.3, "个百分点", "=");
    t!("森林覆盖率提高2百分点" => 2.0, None, "百分点", 2.0, "百分点", "=");
    t!("绿色建筑占比达到百分之八十" => 80.0, None, "%", 80.0, "%", "=");
    t!("达标率为百分之九十五点五" => 95.5, None, "%", 95.5, "%", "=");
    t!("覆盖率达到百分之百" => 100.0, None, "%", 100.0, "%", "=");
    t!("农村集体经济收入较上年翻一番" => 100.0, None, "%", 100.0, "%", "=");
    t!("力争到期末经济总量翻两番" => 300.0, None, "%", 300.0, "%", "=");
    t!("实现营业收入翻番" => 100.0, None, "%", 100.0, "%", "=");
    t!("亩均税收提升1.5倍" => 1.5, None, "倍", 1.5, "倍", "=");
    t!("村级收入增长三成" => 3.0, None, "成", 30.0, "%", "=");
    t!("不良率控制在千分之三以内" => 3.0, None, "‰", 0.3, "%", "<=");
    t!("总成本的5%用于培训" => 5.0, None, "%", 5.0, "%", "=");
    t!("占比由42.6%提高到47%" => 42.6, None, "%", 42.6, "%", "=");
    t!("下降百分之2.5" => 2.5, None, "%", 2.5, "%", "=");
    t!("增速回落1.2个百分点" => 1.2, None, "个百分点", 1.2, "个百分点", "=");
    t!("负债率为-3.2%" => -3.2, None, "%", -3.2, "%", "=");
}

#[test]
fn chinese_numerals_with_units() {
    t!("新建三百余家便民服务点" => 300.0, None, "家", 300.0, "家", ">");
    t!("全镇共有一千二百五十户居民" => 1250.0, None, "户", 1250.0, "户", "=");
    t!("辖区内有十五个行政村" => 15.0, None, "个", 15.0, "个", "=");
    t!("吸纳就业二十万人" => 20.0, None, "万人", 200000.0, "人", "=");
    t!("整合资金两千万元" => 2000.0, None, "万元", 2e7, "元", "=");
    t!("总投资两亿元" => 2.0, None, "亿元", 2e8, "元", "=");
    t!("完成投资一百九十万零三千元" => 1903000.0, None, "元", 1903000.0, "元", "=");
    t!("累计发放贷款十余万笔" => 10.0, None, "万笔", 100000.0, "笔", ">");
    t!("新增贷款十余万" => 10.0, None, "万", 100000.0, "", ">");
    t!("培育市场主体五百多家" => 500.0, None, "家", 500.0, "家", ">");
    t!("建设两所幼儿园" => 2.0, None, "所", 2.0, "所", "=");
    t!("新增四十二名网格员" => 42.0, None, "名", 42.0, "名", "=");
    t!("开展培训八十场" => 80.0, None, "场", 80.0, "场", "=");
    t!("投入九百万元资金" => 900.0, None, "万元", 9e6, "元", "=");
    t!("新增储能二十五兆瓦" => 25.0, None, "兆瓦", 25.0, "兆瓦", "=");
    t!("用一年半时间完成改造" => 1.5, None, "年", 1.5, "年", "=");
    t!("实现工业产值超千亿" => 1000.0, None, "亿", 1e11, "", ">");
    t!("建成三五百个充电点" => 300.0, Some(500.0), "个", 300.0, "个", "~");
    t!("壹佰贰拾万元整" => 120.0, None, "万元", 1.2e6, "元", "=");
    t!("设立十个工作专班" => 10.0, None, "个", 10.0, "个", "=");
}

#[test]
fn comparators() {
    t!("先进制造业占比70%以上" => 70.0, None, "%", 70.0, "%", ">=");
    t!("每年新增就业不少于800人" => 800.0, None, "人", 800.0, "人", ">=");
    t!("引进企业不低于30家" => 30.0, None, "家", 30.0, "家", ">=");
    t!("至少建成5个示范点" => 5.0, None, "个", 5.0, "个", ">=");
    t!("达到40亿元以上" => 40.0, None, "亿元", 4e9, "元", ">=");
    t!("培育骨干企业10家及以上" => 10.0, None, "家", 10.0, "家", ">=");
    t!("总投资超过55亿元" => 55.0, None, "亿元", 5.5e9, "元", ">");
    t!("总投资超55亿元" => 55.0, None, "亿元", 5.5e9, "元", ">");
    t!("年产值逾60亿元" => 60.0, None, "亿元", 6e9, "元", ">");
    t!("带动500余家企业上云" => 500.0, None, "家", 500.0, "家", ">");
    t!("服务500多家中小企业" => 500.0, None, "家", 500.0, "家", ">");
    t!("每户补贴不超过2万元" => 2.0, None, "万元", 20000.0, "元", "<=");
    t!("单个项目补助控制在50万元以内" => 50.0, None, "万元", 5e5, "元", "<=");
    t!("年龄在45周岁以下" => 45.0, None, "周岁", 45.0, "周岁", "<=");
    t!("空置率低于5%" => 5.0, None, "%", 5.0, "%", "<");
    t!("平均通勤不到30分钟" => 30.0, None, "分钟", 30.0, "分钟", "<");
    t!("覆盖率不足60%" => 60.0, None, "%", 60.0, "%", "<");
    t!("总投资约20.4亿元" => 20.4, None, "亿元", 2.04e9, "元", "~");
    t!("完成投资70亿元左右" => 70.0, None, "亿元", 7e9, "元", "~");
    t!("带动就业近700人" => 700.0, None, "人", 700.0, "人", "~");
    t!("年处理能力预计可达20万吨" => 20.0, None, "万吨", 200000.0, "吨", "~");
    t!("办理事项约9000余件" => 9000.0, None, "件", 9000.0, "件", "~");
    t!("大约3000户受益" => 3000.0, None, "户", 3000.0, "户", "~");
    t!("新增床位1000张上下" => 1000.0, None, "张", 1000.0, "张", "~");
    t!("建设用地最多120亩" => 120.0, None, "亩", 120.0, "亩", "<=");
    t!("力争实现营收50亿元" => 50.0, None, "亿元", 5e9, "元", "=");
    t!("确保完成投资8亿元" => 8.0, None, "亿元", 8e8, "元", "=");
    t!("不少于三百家" => 300.0, None, "家", 300.0, "家", ">=");
    t!("超过了80%" => 80.0, None, "%", 80.0, "%", ">");
    t!("比例至少为30%" => 30.0, None, "%", 30.0, "%", ">=");
    t!("招引项目10宗(含)以上" => 10.0, None, "宗", 10.0, "宗", ">=");
}

#[test]
fn ranges() {
    t!("每年新建1-2个园区党群服务站" => 1.0, Some(2.0), "个", 1.0, "个", "range");
    t!("单体投资1亿——3亿元的项目" => 1.0, Some(3.0), "亿元", 1e8, "元", "range");
    t!("投资5000万——1亿元的项目" => 5000.0, Some(10000.0), "万元", 5e7, "元", "range");
    t!("用3至5年时间" => 3.0, Some(5.0), "年", 3.0, "年", "range");
    t!("增速保持在20%-30%" => 20.0, Some(30.0), "%", 20.0, "%", "range");
    t!("年均增长4.5%至5%" => 4.5, Some(5.0), "%", 4.5, "%", "range");
    t!("补助标准为1万元--5万元" => 1.0, Some(5.0), "万元", 10000.0, "元", "range");
    t!("每人奖励一百二十到一百五十万元" => 120.0, Some(150.0), "万元", 1.2e6, "元", "range");
    t!("年产值七千到九千亿元" => 7000.0, Some(9000.0), "亿元", 7e11, "元", "range");
    t!("建设5~8个示范区" => 5.0, Some(8.0), "个", 5.0, "个", "range");
    t!("面积10–15公顷" => 10.0, Some(15.0), "公顷", 10.0, "公顷", "range");
    t!("补贴2 - 3万元" => 2.0, Some(3.0), "万元", 20000.0, "元", "range");
    t!("每户1万(含)-5万元" => 1.0, Some(5.0), "万元", 10000.0, "元", "range");
    t!("约1-2个" => 1.0, Some(2.0), "个", 1.0, "个", "range");
}

#[test]
fn range_endpoints_and_spans() {
    let text = "其中3亿元以上项目3个";
    let qs = real(text);
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert_eq!(&text[qs[0].range.clone()], "3亿元以上");
    assert_eq!(&text[qs[0].number.clone()], "3亿");
    assert_eq!(&text[qs[1].range.clone()], "3个");
    let text = "不少于45家企业入驻";
    let q = &real(text)[0];
    assert_eq!(&text[q.range.clone()], "不少于45家");
    assert_eq!(&text[q.comparator_word.clone().unwrap()], "不少于");
    assert_eq!(q.kind, Some(crate::lexicon::UnitKind::Count));
    let text = "新增1000张床位和20个站点";
    let qs = real(text);
    assert_eq!(qs.iter().map(|q| q.value).collect::<Vec<_>>(), vec![1000.0, 20.0]);
}

#[test]
fn dates_and_years_are_not_quantities() {
    nothing!("2023年9月26日召开会议");
    nothing!("截至9月30日");
    nothing!("6月中旬启动");
    nothing!("二〇二三年十二月");
    nothing!("2025年底前完成");
    nothing!("发布日期:2023-09-26");
    nothing!("2023/9/26");
    nothing!("2023.09.26发布");
    none!("规划期为2023-2025年");
    none!("会议于上午9:30开始");
    none!("于9时召开");
}

#[test]
fn ordinals_list_markers_and_codes() {
    none!("第十二次党代会");
    none!("第3页");
    none!("深入学习贯彻党的二十大精神");
    none!("“十四五”规划收官之年");
    none!("七届区委七次全会");
    none!("(3)推进城市更新");
    nothing!("1.加强组织领导");
    nothing!("2、完善工作机制");
    nothing!("十一、保障措施");
    nothing!("(十二)加强督查");
    nothing!("二是压实责任");
    none!("推进02单元开发");
    none!("落实“532”发展战略");
    none!("构建“1+1+N”服务体系");
    none!("05-08地块出让");
    none!("373蒲溪科创园");
    none!("188地块");
    none!("201研究所");
    none!("打造G60科创走廊");
    none!("推进5G基站建设");
    none!("见附件1.jpg");
    none!("咨询电话:021-64123456");
    none!("沪ICP备12345678号");
    none!("访问https://www.example.gov.cn/a?id=305&p=20%");
}

#[test]
fn framing_durations_are_not_quantities() {
    none!("近5年来,全镇经济稳步发展");
    none!("5年来累计完成投资");
    none!("制定三年行动计划");
    none!("打造15分钟生活圈");
    none!("过去3年发生深刻变化");
    none!("2021年以来");
    none!("上半年完成");
}

#[test]
fn idioms_and_words_with_numerals() {
    none!("千方百计稳就业");
    none!("推行一门式服务");
    none!("民营经济占据半壁江山");
    none!("启动一批重点项目");
    none!("推进长三角一体化");
    none!("打造一流营商环境");
    none!("统一规划统一建设");
    none!("全国唯一的试点");
    none!("走在全市第一方阵");
    none!("一切为了群众");
    none!("我家在四川");
    none!("一看就懂");
    none!("全国两会精神");
    none!("落实一揽子政策");
    none!("绘好一张蓝图");
    none!("全面推进一网通办");
    none!("打通服务群众最后一公里");
    none!("陆地面积广阔");
    none!("加强队伍建设");
    none!("零部件制造");
    none!("全国统一零售价");
    none!("这件事十分重要");
    none!("新一轮科技革命");
    none!("九年一贯制学校");
    none!("逐一对照检查");
    none!("走出一条特色发展之路");
    none!("每一所学校");
    none!("开展“四个一”活动");
    none!("持续深化“一支部一品牌”");
    // The space ends the amount: 门 is not read as its unit.
    t!("欠款5700万 门店暂停营业" => 5700.0, None, "万", 5.7e7, "", "=");
}

#[test]
fn bare_numbers_are_flagged() {
    let qs = g().find("一百五十二");
    assert_eq!(qs.len(), 1);
    assert!(qs[0].bare);
    assert_eq!(qs[0].value, 152.0);
    let qs = g().find("编号10086");
    assert!(qs.is_empty() || qs.iter().all(|q| q.bare));
    let qs = g().find("1,234,567");
    assert_eq!((qs.len(), qs[0].value, qs[0].bare), (1, 1234567.0, true));
    let qs = g().find("两百");
    assert_eq!(qs[0].value, 200.0);
    let qs = g().find("三分之一");
    assert!((qs[0].value - 1.0 / 3.0).abs() < 1e-12);
    let qs = g().find("负十一");
    assert_eq!(qs[0].value, -11.0);
    assert!(g().find("万").is_empty());
    // A vague amount is reported with its span but is not a stated quantity.
    let q = &g().find("服务群众几十万人次")[0];
    assert_eq!((q.value, q.value_max, q.unit.as_str(), q.bare), (10.0, Some(100.0), "万人次", true));
    assert!(g().find("两两").is_empty());
    // A rank bound is a number, not a quantity.
    let qs = g().find("综合排名进入全市前三");
    assert_eq!((qs.len(), qs[0].value, qs[0].bare), (1, 3.0, true));
}

#[test]
fn pathological_inputs_do_not_blow_up() {
    let digits = "7".repeat(1_000_000);
    let qs = g().find(&digits);
    assert!(qs.is_empty(), "a million digits is no quantity");
    let mixed = "一二三四五六七八九十百千万亿".repeat(20_000);
    let _ = g().find(&mixed);
    let commas = "1,".repeat(100_000);
    assert!(g().find(&commas).iter().all(|q| q.value <= 1.0));
    for s in
        ["", "-", "负", "百分之", "翻", "%", "1.", "1,", "几", "数十", "半", "一半", "分之", "3分之", "又"]
    {
        let _ = g().find(s);
    }
}

mod props {
    use super::g;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Any mix of numerals, units, comparators and punctuation: no panic, spans on
        /// character boundaries inside the text, finite values, text order.
        #[test]
        fn find_is_total(s in "[0-9一二三四五六七八九十百千万亿兆两零〇点余多几半翻番负分之元个%.,/:年月日第约超以上以内至到——~ \"“”()a-z]{0,60}") {
            let qs = g().find(&s);
            let mut last = 0;
            for q in &qs {
                prop_assert!(q.range.start <= q.range.end && q.range.end <= s.len());
                prop_assert!(s.is_char_boundary(q.range.start) && s.is_char_boundary(q.range.end));
                prop_assert!(s.is_char_boundary(q.number.start) && s.is_char_boundary(q.number.end));
                prop_assert!(q.value.is_finite());
                prop_assert!(q.range.start >= last || q.number.start >= last);
                last = q.number.start;
            }
        }
    }
}

#[test]
fn policy_text_edge_cases() {
    t!("新增装机容量5万千瓦" => 5.0, None, "万千瓦", 50000.0, "千瓦", "=");
    t!("建成厂房4.5万㎡" => 4.5, None, "万㎡", 45000.0, "平方米", "=");
    t!("常住人口12.5万" => 12.5, None, "万", 125000.0, "", "=");
    t!("光伏装机30MW" => 30.0, None, "MW", 30.0, "兆瓦", "=");
    t!("七成以上村集体年收入超百万" => 7.0, None, "成", 70.0, "%", ">=");
    t!("新建污水管网8.5km" => 8.5, None, "km", 8.5, "km", "=");
    t!("PM2.5平均浓度降至28微克/立方米" => 28.0, None, "微克/立方米", 28.0, "微克/立方米", "=");
    t!("人均补助1200元/人" => 1200.0, None, "元/人", 1200.0, "元/人", "=");
    t!("日处理污水3万吨/日" => 3.0, None, "万吨/日", 30000.0, "吨/日", "=");
    t!("力争全镇GDP突破百亿元" => 100.0, None, "亿元", 1e10, "元", ">");
    t!("服务企业千余家" => 1000.0, None, "家", 1000.0, "家", ">");
    t!("带动就业万余人" => 1.0, None, "万人", 10000.0, "人", ">");
    t!("吸纳一万余人就业" => 1.0, None, "万人", 10000.0, "人", ">");
    t!("用三五年时间基本建成" => 3.0, Some(5.0), "年", 3.0, "年", "~");
    t!("每年举办两三场活动" => 2.0, Some(3.0), "场", 2.0, "场", "~");
    t!("力争营收翻一番以上" => 100.0, None, "%", 100.0, "%", ">=");
    t!("用三至五年时间完成" => 3.0, Some(5.0), "年", 3.0, "年", "range");
    none!("20世纪90年代建成");
    none!("践行三个代表重要思想");
    none!("严格落实八项规定精神");
    none!("半年来成效明显");
    assert!(g().find("其中3成为新注册企业").iter().all(|q| q.unit != "成"));
    none!("一是强化统筹,二是压实责任");
    none!("第二季度完成");
    none!("推进一二三产业融合");
    none!("创建国家4A级景区");
    none!("苏府发〔2023〕12号");
    none!("1—9月累计完成");
    none!("建设万亩良田");
    none!("打造千亿级产业集群");
}

#[test]
fn bare_numbers_in_tables_take_the_unit_the_table_gives() {
    // A caption over a project table flattened to one cell per line.
    let d = crate::pipeline::test_doc("重点项目表\n(单位:万元)\n项目名称\n建设内容\n总投资\n责任单位\n环城路改造\n改造道路3公里\n2600\n区交通局\n");
    let t = d.targets.iter().find(|t| t.value == 2600.0).expect("the amount is a quantity");
    assert_eq!((t.unit.as_str(), t.indicator.as_deref()), ("万元", Some("总投资")));
    assert_eq!(t.normalized.as_ref().map(|n| n.value), Some(2.6e7));
    // A unit in the column header.
    let d = crate::pipeline::test_doc("项目名称\t总投资(亿元)\t责任单位\n滨江公园\t2.5\t区园林局\n");
    assert!(d.targets.iter().any(|t| t.value == 2.5 && t.unit == "亿元"), "{:?}", d.targets);
}

#[test]
fn thresholds_orders_and_report_units() {
    t!("全县年产值突破8亿元" => 8.0, None, "亿元", 8e8, "元", ">");
    t!("营业收入首破20亿元" => 20.0, None, "亿元", 2e9, "元", ">");
    t!("服务业增加值迈上50亿元台阶" => 50.0, None, "亿元", 5e9, "元", ">=");
    t!("外贸进出口保持两位数增长" => 10.0, None, "%", 10.0, "%", ">=");
    t!("网络零售额实现成倍增长" => 100.0, None, "%", 100.0, "%", ">=");
    t!("农民专业合作社数量翻倍" => 100.0, None, "%", 100.0, "%", "=");
    t!("全年为小微企业减负12亿元" => 12.0, None, "亿元", 1.2e9, "元", "=");
    t!("一般公共预算收入增长6 . 8%" => 6.8, None, "%", 6.8, "%", "=");
    t!("举办招聘会45场次" => 45.0, None, "场次", 45.0, "场次", "=");
    t!("组织企业参展300家次" => 300.0, None, "家次", 300.0, "家次", "=");
    t!("运动员在省运会上获得7金" => 7.0, None, "金", 7.0, "金", "=");
    t!("开行货运班列120列" => 120.0, None, "列", 120.0, "列", "=");
    t!("新打机井30眼" => 30.0, None, "眼", 30.0, "眼", "=");
    t!("安全生产(20分)" => 20.0, None, "分", 20.0, "分", "=");
    t!("与企业现场签约项目12个" => 12.0, None, "个", 12.0, "个", "=");
    assert_eq!(real("末班车发车时间延后1小时").len(), 1);
    assert_eq!(real("办理时间提前2天").len(), 1);
    none!("该指标居全市前两位");
    none!("县九届三次会议");
    none!("推进数据二次开发");
    none!("设置四分类垃圾桶");
    none!("他们五金店生意不错");
    none!("一是迈开两条腿");
}

#[test]
fn lists_share_comparators_and_bounds_make_ranges() {
    let qs = real("甲乙园区营收分别突破40亿元、30亿元");
    assert_eq!(qs.iter().map(|q| q.comparator.as_str()).collect::<Vec<_>>(), [">", ">"]);
    let qs = real("税收和产值分别增长8%、9%以上");
    assert_eq!(qs.iter().map(|q| q.comparator.as_str()).collect::<Vec<_>>(), [">=", ">="]);
    let qs = real("新增企业10家、规模以上企业3家");
    assert_eq!(qs.iter().map(|q| q.comparator.as_str()).collect::<Vec<_>>(), ["=", "="]);
    t!("单户面积大于60平方米小于90平方米" => 60.0, Some(90.0), "平方米", 60.0, "平方米", "range");
    t!("补贴比例在20%与30%之间" => 20.0, Some(30.0), "%", 20.0, "%", "range");
    let qs = real("甲项大于50%,乙项小于12%");
    assert_eq!(qs.len(), 2, "{qs:?}");
    let q = g().find("年过半百").pop().expect("半百");
    assert!(close(q.value, 50.0));
}
