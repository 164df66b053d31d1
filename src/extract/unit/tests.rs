//! Tests of the unit stage, each on a passage written for it.

use crate::document::{Document, Role};
use crate::pipeline::test_doc as doc;

fn names(d: &Document) -> Vec<&str> {
    d.units.iter().map(|u| u.name.as_str()).collect()
}

/// A labelled item before `text`, so that the passage reads as a plan that assigns work
/// (stray actors in a work report count for nothing).
fn plan(text: &str) -> Document {
    doc(&format!("(〇)建立台账。(牵头单位:区发改委;配合单位:区财政局、区统计局)\n{text}"))
}

fn task_units(d: &Document, k: usize) -> Vec<(&str, Role)> {
    d.tasks[k].units.iter().map(|u| (u.name.as_str(), u.role)).collect()
}

#[test]
fn lead_and_support_labels_with_semicolon() {
    let d = doc("(1)完善物流园区配套。新建冷链仓储设施。(牵头单位:区发改委;配合单位:区财政局、区商务委)");
    assert_eq!(names(&d), ["区发改委", "区财政局", "区商务委"]);
    assert_eq!(d.tasks.len(), 1);
    assert_eq!(d.tasks[0].title, "完善物流园区配套");
    assert_eq!(
        task_units(&d, 0),
        [("区发改委", Role::Lead), ("区财政局", Role::Support), ("区商务委", Role::Support)]
    );
}

#[test]
fn full_width_label_and_groups_after_comma() {
    let d = doc("2.提升社区服务水平。推进邻里中心建设。（责任部门：社会事务科、规划科，相关社区、物业公司）");
    assert_eq!(names(&d), ["社会事务科", "规划科", "相关社区", "物业公司"]);
    assert!(d.units.iter().all(|u| u.roles.responsible == 1));
}

#[test]
fn bracketed_lead_support_without_label() {
    let d = doc("(二)整治背街小巷。完成老旧管网改造。(区住建局牵头,区交通委、各街道配合)");
    assert_eq!(
        task_units(&d, 0),
        [("区住建局", Role::Lead), ("区交通委", Role::Support), ("各街道", Role::Support)]
    );
    assert_eq!(d.tasks[0].title, "整治背街小巷");
}

#[test]
fn by_x_lead_and_x_responsible_sentences() {
    let d = doc("三、保障措施\n(一)强化资金保障。由区财政局牵头,区审计局配合,统筹安排专项资金。\n(二)加强考核。区考核办负责年度评估。");
    assert_eq!(names(&d), ["区财政局", "区审计局", "区考核办"]);
    assert_eq!(d.tasks.len(), 2, "{:?}", d.tasks);
    assert_eq!(d.tasks[1].title, "加强考核");
    assert_eq!(task_units(&d, 1), [("区考核办", Role::Responsible)]);
}

#[test]
fn commitment_actors_and_non_actors() {
    let d = plan("(四)严格督办。工作成效纳入年度考核,区委督查室、区审计局将定期开展专项检查。本镇将继续加大投入。全区各部门主要负责同志要亲自抓。湖滨镇将加快发展。");
    assert_eq!(names(&d)[3..], ["区委督查室", "区审计局"]);
    assert_eq!(d.tasks[1].title, "严格督办");
}

#[test]
fn collective_names_with_brackets_are_kept_whole() {
    let d = doc("(3)开展垃圾分类宣传。(责任单位:各镇(街道)、区绿化市容局)");
    assert_eq!(names(&d), ["各镇(街道)", "区绿化市容局"]);
}

#[test]
fn unbracketed_label_stops_before_prose() {
    let d = doc("责任单位:区民政局、区卫健委 推进医养结合服务体系建设并逐步扩大覆盖范围。");
    assert_eq!(names(&d), ["区民政局", "区卫健委"]);
}

#[test]
fn label_with_deadline() {
    let d = doc("(5)建成智慧停车平台。(责任单位:区交通委;完成时限:2024年12月底)");
    assert_eq!(names(&d), ["区交通委"]);
    assert_eq!(d.tasks[0].deadline.as_deref(), Some("2024-12"));
}

#[test]
fn pipe_table() {
    let d = doc("重点任务清单\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n1 | 建设城市绿道,新增绿道20公里 | 区园林局 | 区规划局、各街道 | 2024年6月\n2 | 改造农贸市场 | 区商务局 | 区市场监管局 | 2025年底\n");
    assert_eq!(names(&d), ["区园林局", "区规划局", "各街道", "区商务局", "区市场监管局"]);
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.tasks[0].title, "建设城市绿道,新增绿道20公里");
    assert_eq!(d.tasks[0].deadline.as_deref(), Some("2024-06"));
    assert_eq!(d.tasks[1].deadline.as_deref(), Some("2025-12"));
    assert_eq!(task_units(&d, 1), [("区商务局", Role::Lead), ("区市场监管局", Role::Support)]);
}

#[test]
fn space_and_tab_tables() {
    let d = doc("序号  工作任务      责任单位        完成时间\n1  修缮文化礼堂  镇文体中心  2023年10月\n2\t开展技能培训\t镇社保所、各村\t2024年\n");
    assert_eq!(names(&d), ["镇文体中心", "镇社保所", "各村"]);
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.tasks[1].title, "开展技能培训");
    assert_eq!(d.tasks[0].deadline.as_deref(), Some("2023-10"));
}

#[test]
fn bracket_label_and_sharing_phrase() {
    let d = doc("(6)推进数字乡村建设。【责任单位】区农业农村局、区大数据中心按职责分工负责");
    assert_eq!(names(&d), ["区农业农村局", "区大数据中心"]);
}

#[test]
fn list_on_next_line_and_bracketed_notes() {
    let d = doc("(7)建设公共实训基地。\n责任单位:\n区人社局、区教育局(排名第一的为牵头单位)\n");
    assert_eq!(names(&d), ["区人社局", "区教育局"]);
    let d = doc("(9)优化审批流程。(责任单位:区政务服务局、区住建局等5个部门)");
    assert_eq!(names(&d), ["区政务服务局", "区住建局"]);
    let d = plan("(8)做好防汛准备。各镇、街道负责辖区内隐患排查。");
    assert_eq!(names(&d)[3..], ["各镇", "街道"]);
}

#[test]
fn oversight_bodies_before_dui_are_actors() {
    let d =
        plan("(五)强化督查。区纪委监委、区督查办对各项任务落实情况进行跟踪问效。企业对服务的满意度达到95%。");
    assert_eq!(names(&d)[3..], ["区纪委监委", "区督查办"]);
    assert_eq!(d.tasks[1].title, "强化督查");
}

#[test]
fn facilities_and_the_issuer_are_not_actors_of_jiang() {
    let d = doc("(二)完善公共服务。镇文化中心将于年底建成开放,镇党委将持续加大投入,区委将统筹推进。");
    assert!(d.units.is_empty(), "{:?}", names(&d));
}

fn titles(d: &Document) -> Vec<&str> {
    d.tasks.iter().map(|t| t.title.as_str()).collect()
}

#[test]
fn built_labels_and_labels_alone_under_the_item() {
    let d = doc("5.完善助餐网络。建设社区食堂。\n\n牵头落实单位:区民政局\n\n协同配合单位:区市场监管局、各街道\n\n6.加强医养结合。推动签约服务。\n\n主责单位:区卫健委\n\n参与部门:区医保局\n\n责任领导:分管副区长、区卫健委\n");
    assert_eq!(titles(&d), ["完善助餐网络", "加强医养结合"]);
    assert_eq!(
        task_units(&d, 0),
        [("区民政局", Role::Lead), ("区市场监管局", Role::Support), ("各街道", Role::Support)]
    );
    assert_eq!(
        task_units(&d, 1),
        [("区卫健委", Role::Responsible), ("区医保局", Role::Support)],
        "posts under 责任领导 are no units"
    );
}

#[test]
fn bracketed_notes_that_open_with_a_deadline_and_sharing_phrases() {
    let d = doc("(一)改造候车亭。新建候车亭20个。(2025年底前完成,牵头单位:县交通局;配合单位:各乡镇)\n(二)整合客运资源。推动公交化改造。(持续推进,责任单位:县交通局、县发改局)\n(三)建设服务站。(县交通局牵头,县自然资源局、各乡镇人民政府按职责分工负责)\n");
    assert_eq!(task_units(&d, 0), [("县交通局", Role::Lead), ("各乡镇", Role::Support)]);
    assert_eq!(task_units(&d, 1), [("县交通局", Role::Responsible), ("县发改局", Role::Responsible)]);
    assert_eq!(
        task_units(&d, 2),
        [
            ("县交通局", Role::Lead),
            ("县自然资源局", Role::Responsible),
            ("各乡镇人民政府", Role::Responsible)
        ]
    );
}

#[test]
fn duty_sections_headed_by_units() {
    let d = doc("三、职责分工\n(一)县文旅局\n1.负责景区提升规划。\n2.负责旅游宣传推广。\n(二)县财政局。负责保障专项资金。\n(三)各乡镇人民政府:负责辖区内设施维护。\n四、保障措施\n");
    assert_eq!(titles(&d), ["负责景区提升规划", "负责旅游宣传推广", "县财政局", "各乡镇人民政府"]);
    assert_eq!(task_units(&d, 1), [("县文旅局", Role::Responsible)]);
    assert_eq!(task_units(&d, 3), [("各乡镇人民政府", Role::Responsible)]);
}

#[test]
fn duty_lines_give_one_task_each() {
    let d = doc("(五)县住建局。负责督促配建设施。\n\n县审计局负责资金审计;县人社局负责技能培训。\n\n县市场监管局会同县商务局开展专项检查,每年不少于2次。\n");
    assert_eq!(
        titles(&d),
        [
            "县住建局",
            "县审计局负责资金审计",
            "县人社局负责技能培训",
            "县市场监管局会同县商务局开展专项检查,每年不少于2次"
        ]
    );
    assert_eq!(task_units(&d, 3), [("县市场监管局", Role::Lead), ("县商务局", Role::Support)]);
}

#[test]
fn actors_by_you_with_by_deadlines_and_names_without_suffixes() {
    let d = doc("1.规范夜市。由区城管局负责外摆管理;由区商务局与区市场监管局落实经营规范。\n2.便利通关。江口海关要优化通关流程;人民银行江口市中心支行负责支付服务。\n3.摸清底数。各街道于6月底前完成点位摸排。\n4.盘活空间。区商投集团,江口文旅集团要改造商业空间;临港开发区管委会负责招商。\n");
    assert_eq!(
        names(&d),
        [
            "区城管局",
            "区商务局",
            "区市场监管局",
            "江口海关",
            "人民银行江口市中心支行",
            "各街道",
            "区商投集团",
            "江口文旅集团",
            "临港开发区管委会"
        ]
    );
    assert_eq!(d.tasks.len(), 4);
}

#[test]
fn departments_that_open_a_clause_in_a_plan() {
    let d = plan("(二)保障资金。镇财政所每年统筹安排专项资金。\n(三)加强调度。领导小组办公室设在镇党政办,负责每月调度。\n(四)养老机构护理型床位占比达到60%。\n");
    assert_eq!(names(&d)[3..], ["镇财政所", "领导小组办公室"]);
}

#[test]
fn generic_addressees_only_as_actors_of_a_task() {
    let d = plan("(二)压实责任。各有关单位要高度重视。\n(三)报送信息。各有关单位于每月5日前报送进展。\n");
    assert_eq!(names(&d)[3..], ["各有关单位"]);
    assert_eq!(d.tasks.last().unwrap().title, "报送信息");
}

#[test]
fn work_reports_give_stray_actors_no_duty() {
    let d = doc("过去一年,我们狠抓项目建设。市中心医院牵头成立医联体,市属国企将加快转型。今年,市大剧院要引进市场化运营模式。各县区要协同发展。");
    assert!(d.units.is_empty(), "{:?}", names(&d));
    let d = doc("强化项目支撑。市发改委作为牵头部门统筹推进。");
    assert_eq!(task_units(&d, 0), [("市发改委", Role::Lead)]);
}

#[test]
fn paragraphs_titled_by_their_first_sentence_or_their_heading() {
    let d = doc("一、支持平台建设\n\n培育工业平台。对新建平台给予奖补。(责任单位:省经信厅、省财政厅)\n\n二、加强安全保障\n\n鼓励企业落实主体责任,完善防护体系。(责任单位:省通信管理局)\n\n省通信管理局负责监测预警。\n\n三、强化资金支持\n\n推动企业上云。对上云企业给予补贴。(责任单位:省经信厅)\n\n省经信厅会同省财政厅制定实施细则。\n");
    // Under a heading alone on its line, paragraphs join it until one has a title of its own.
    assert_eq!(
        titles(&d),
        ["培育工业平台", "加强安全保障", "推动企业上云", "省经信厅会同省财政厅制定实施细则"]
    );
    assert_eq!(task_units(&d, 1), [("省通信管理局", Role::Responsible)]);
}

#[test]
fn numbered_items_that_open_with_an_actor() {
    let d = doc("二、重点任务\n1.修缮文化礼堂。(牵头单位:县文旅局)\n2.县农业局会同县水利局推进灌区节水改造。\n3.由县卫健委负责建设村卫生室10个。\n4.完善垃圾分类,县城管局牵头,各乡镇配合。\n");
    assert_eq!(
        titles(&d),
        [
            "修缮文化礼堂",
            "县农业局会同县水利局推进灌区节水改造",
            "由县卫健委负责建设村卫生室10个",
            "完善垃圾分类"
        ]
    );
    assert_eq!(task_units(&d, 1), [("县农业局", Role::Lead), ("县水利局", Role::Support)]);
    assert_eq!(task_units(&d, 2), [("县卫健委", Role::Responsible)]);
    assert_eq!(task_units(&d, 3), [("县城管局", Role::Lead), ("各乡镇", Role::Support)]);
}
