//! Header passages written for these tests, one per layout.

use super::*;
use crate::clean::{clean, CleanRules};

fn read_text(text: &str) -> (String, Header) {
    let lex = Lexicons::embedded().unwrap();
    let c = clean(text.to_string(), &CleanRules::new(&lex).unwrap());
    let h = read(&c, &HeaderRules::new(&lex).unwrap());
    (c.text.norm().to_string(), h)
}

fn title(norm: &str, h: &Header) -> Option<String> {
    h.title.clone().map(|r| norm[r].to_string())
}

#[test]
fn a_plan_signed_at_the_end() {
    let (norm, h) = read_text("中共某某镇委员会关于推进发展三年行动计划(2023-2025年)\n正文内容很长很长很长很长很长很长很长很长很长很长很长很长。\n中共某某镇委员会 2023年9月26日\n");
    assert_eq!(h.issuer.as_deref(), Some("中共某某镇委员会"));
    assert_eq!(h.place.as_deref(), Some("某某镇"));
    assert_eq!(h.date.as_deref(), Some("2023-09-26"));
    assert_eq!(h.period, Some([2023, 2025]));
    assert!(title(&norm, &h).unwrap().starts_with("中共某某镇委员会"));
    // Party committee and government of one place sign together: the issuer is the place.
    let (_, h) = read_text("某某镇发展计划\n正文很长很长很长很长。\n中共某某区某某镇委员会 某某区某某镇人民政府 2023年9月26日 |\n");
    assert_eq!(h.issuer.as_deref(), Some("某某镇"));
}

#[test]
fn plan_periods() {
    let (_, h) = read_text("某区“十四五”时期生态环境保护规划\n正文。\n");
    assert_eq!(h.period, Some([2021, 2025]));
    let (_, h) = read_text("某县国民经济和社会发展第十四个五年规划纲要\n正文。\n");
    assert_eq!(h.period, Some([2021, 2025]));
    let (_, h) = read_text("在2023年某某街道党工委工作会议上的报告(第4/5页)\n正文。\n");
    assert_eq!(h.issuer.as_deref(), Some("某某街道党工委"));
    assert_eq!(h.place.as_deref(), Some("某某街道"));
    assert_eq!(h.date.as_deref(), Some("2023"));
}

#[test]
fn a_notice_with_number_addressee_and_signature() {
    let text = "青石区人民政府办公室关于印发《青石区社区食堂建设方案》的通知\n\n青府办发〔2024〕12号\n\n各街道办事处，区政府各部门：\n\n《青石区社区食堂建设方案》已经区政府同意，现印发给你们，请认真执行。\n\n青石区人民政府办公室\n\n2024年3月8日\n\n青石区社区食堂建设方案\n\n一、工作目标\n到2025年底建成社区食堂30家。\n";
    let (norm, h) = read_text(text);
    assert_eq!(
        title(&norm, &h).as_deref(),
        Some("青石区人民政府办公室关于印发《青石区社区食堂建设方案》的通知")
    );
    assert_eq!(h.issuer.as_deref(), Some("青石区人民政府办公室"));
    assert_eq!(h.place.as_deref(), Some("青石区"));
    assert_eq!(h.date.as_deref(), Some("2024-03-08"));
    // Without the signature the title's body before 关于 is the issuer; a date in Chinese
    // numerals at the end dates it.
    let (_, h) = read_text("青石区商务局关于做好夜市管理的通知\n各街道：\n请做好夜市管理工作，到2025年6月30日前完成整改。\n二〇二四年十一月二十日\n");
    assert_eq!(h.issuer.as_deref(), Some("青石区商务局"));
    assert_eq!(h.date.as_deref(), Some("2024-11-20"));
}

#[test]
fn a_collector_header_over_a_report() {
    let text = "标题：青河县2023年政府工作报告\n发文单位：青河县人民政府\n发文时间：未知\n报告人：青河县人民政府县长 张某某\n来源URL：http://example.org/a?id=1\n\n正文：\n\n政 府 工 作 报 告\n\n——2023年1月9日在青河县第五届人民代表大会第二次会议上\n\n青河县人民政府县长 张某某\n\n各位代表：\n\n现在，我代表县人民政府向大会报告工作，请予审议。\n\n一、2022年工作回顾\n";
    let (norm, h) = read_text(text);
    // The title line only names the kind of document: the label says more.
    assert_eq!(title(&norm, &h).as_deref(), Some("青河县2023年政府工作报告"));
    assert_eq!(h.issuer.as_deref(), Some("青河县人民政府"));
    assert_eq!(h.place.as_deref(), Some("青河县"));
    assert_eq!(h.date.as_deref(), Some("2023-01-09"));
    assert_eq!(h.period, Some([2023, 2023]));
}

#[test]
fn a_news_page_headline_under_its_kicker() {
    let text = "标题：青河县2023年政府工作报告\n发文单位：青河县人民政府\n发文时间：2023-01-09至2023-01-11\n\n正文：\n\n发布时间：2023/1/10 9:30:00    信息发布人：管理员\n凝心聚力 勇毅前行\n青河县第五届人民代表大会第二次会议隆重开幕\n1月9日上午，会议在县会堂开幕。县长作政府工作报告。\n";
    let (norm, h) = read_text(text);
    assert_eq!(title(&norm, &h).as_deref(), Some("青河县第五届人民代表大会第二次会议隆重开幕"));
    assert_eq!(h.date.as_deref(), Some("2023-01-09"), "a range gives its first day");
    let (_, h) =
        read_text("标题：某报道\n发文时间：未知\n正文：\n发布时间：2022/3/5 10:00:00\n某镇召开会议。\n");
    assert_eq!(h.date.as_deref(), Some("2022-03-05"));
}

#[test]
fn a_report_that_opens_with_the_salutation() {
    // The city is inferred from the places the text names most, at the level of 市.
    let text = "各位代表：\n\n现在，我代表市人民政府向大会报告工作，请予审议。\n\n一、2023年工作回顾\n\n过去一年，岳阳市经济稳步回升。岳阳港吞吐量增长，岳阳经开区、平江县发展加快。推动长沙、岳阳协同。\n\n二、2024年工作安排\n\n今年全市地区生产总值增长6%。\n";
    let (_, h) = read_text(text);
    assert_eq!(h.title, None);
    assert_eq!(h.issuer.as_deref(), Some("岳阳市"));
    assert_eq!(h.place.as_deref(), Some("岳阳市"));
    assert_eq!(h.date, None);
    assert_eq!(h.period, Some([2024, 2024]));
    // Named in the opening: the body as named.
    let (_, h) = read_text("各位代表：\n现在，我代表青河县人民政府，向大会报告工作。\n2023年工作回顾\n过去一年，全县经济回升。\n");
    assert_eq!(h.issuer.as_deref(), Some("青河县人民政府"));
    assert_eq!(h.place.as_deref(), Some("青河县"));
    assert_eq!(h.period, Some([2024, 2024]), "the review heading's year and one");
    // A prefecture and a league.
    let (_, h) =
        read_text("各位代表：\n现在，我代表州人民政府向大会报告工作。\n恩施州发展。推动恩施州建设。\n");
    assert_eq!(h.issuer.as_deref(), Some("恩施土家族苗族自治州"));
    let (_, h) =
        read_text("各位主任、委员：\n下面，我代表行署作工作报告。\n锡林郭勒盟经济回升，锡林郭勒草原保护。\n");
    assert_eq!(h.issuer.as_deref(), Some("锡林郭勒盟"));
}

#[test]
fn a_report_with_title_delivery_and_speaker_lines() {
    let text = "政府工作报告\n\n（2024年1月20日在某某市第十届人民代表大会第三次会议上）\n\n市长  王  某\n\n各位代表：\n\n现在，我代表市人民政府向大会报告工作。\n";
    let (norm, h) = read_text(text);
    assert_eq!(title(&norm, &h).as_deref(), Some("政府工作报告"));
    assert_eq!(h.date.as_deref(), Some("2024-01-20"));
    assert_eq!(h.period, Some([2024, 2024]));
    let text = "—2019年2月11日在某某区第十届人民代表大会第六次会议上\n\n某某区人民政府代区长 李某\n\n各位代表:\n现在,我代表某某区人民政府向大会作工作报告,请予审议。\n";
    let (_, h) = read_text(text);
    assert_eq!(h.title, None, "the delivery line is no title");
    assert_eq!(h.issuer.as_deref(), Some("某某区人民政府"));
    assert_eq!(h.date.as_deref(), Some("2019-02-11"));
}

#[test]
fn no_title_when_the_text_starts_with_the_body() {
    let (_, h) = read_text("2023年是发展的关键之年，全区上下团结奋斗，经济运行稳中向好。\n");
    assert_eq!(h.title, None);
    let long =
        format!("各位代表：现在，我代表市人民政府向大会报告工作，请予审议。{}", "推动发展，".repeat(40));
    let (_, h) = read_text(&long);
    assert_eq!(h.title, None);
}

#[test]
fn collector_labels_are_no_titles() {
    let text = "【法宝引证码】 CLI.1.234\n原文链接：https://example.org/x.html\n某某市财政局关于做好预算管理的通知\n某财发〔2023〕5号\n各区财政局：\n为做好预算管理，现通知如下。\n某某市财政局\n2023年6月1日\n";
    let (norm, h) = read_text(text);
    assert_eq!(title(&norm, &h).as_deref(), Some("某某市财政局关于做好预算管理的通知"));
    assert_eq!(h.issuer.as_deref(), Some("某某市财政局"));
    assert_eq!(h.place.as_deref(), Some("某某市"));
    assert_eq!(h.date.as_deref(), Some("2023-06-01"));
    let text = "某镇人居环境整治方案\n信息来源：某某镇人民政府　发布时间：2024-04-18　【字体：大 中 小】\n为改善人居环境，制定本方案。\n";
    let (norm, h) = read_text(text);
    assert_eq!(title(&norm, &h).as_deref(), Some("某镇人居环境整治方案"));
    assert_eq!(h.issuer.as_deref(), Some("某某镇人民政府"));
    assert_eq!(h.date.as_deref(), Some("2024-04-18"));
}

#[test]
fn a_table_of_labels_from_a_saved_page() {
    let text = "索引号\t001/2024-00012\t主题分类\t综合政务\n发布机构\t某某市人民政府办公室\t成文日期\t2024-01-05\n标题\t某某市人民政府办公室关于做好春节保供的通知\n各区人民政府：\n为做好保供工作，现通知如下。\n";
    let (norm, h) = read_text(text);
    assert_eq!(title(&norm, &h).as_deref(), Some("某某市人民政府办公室关于做好春节保供的通知"));
    assert_eq!(h.issuer.as_deref(), Some("某某市人民政府办公室"));
    assert_eq!(h.date.as_deref(), Some("2024-01-05"));
}

#[test]
fn a_speaker_line_that_names_only_the_place() {
    let text = "政府工作报告\n——2023年2月1日在某某县第五届人民代表大会第三次会议上\n某某县县长 王某\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n";
    let (_, h) = read_text(text);
    assert_eq!(h.issuer.as_deref(), Some("某某县"));
    assert_eq!(h.place.as_deref(), Some("某某县"));
}

#[test]
fn the_issuing_body_over_the_title_and_plan_titles_with_heading_words() {
    let (norm, h) =
        read_text("某某市人民政府\n关于加强耕地保护的通知\n各区人民政府：\n现就有关事项通知如下。\n");
    assert_eq!(title(&norm, &h).as_deref(), Some("关于加强耕地保护的通知"));
    assert_eq!(h.issuer.as_deref(), Some("某某市人民政府"));
    let (norm, h) = read_text("某某镇2024年重点工作安排\n为做好全年工作，现作如下安排。\n");
    assert_eq!(title(&norm, &h).as_deref(), Some("某某镇2024年重点工作安排"));
    let (_, h) = read_text("2023年工作回顾\n过去一年，全州经济回升。\n");
    assert_eq!(h.title, None);
}
