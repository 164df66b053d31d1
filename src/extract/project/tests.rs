use crate::document::{Document, ProjectKind};
use crate::pipeline::test_doc as doc;

fn names(d: &Document) -> Vec<&str> {
    d.projects.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn quoted_campaign_with_head_is_a_program() {
    let d = doc("全面开展“千村万户大走访”活动,推动干部下沉一线。");
    assert_eq!(names(&d), ["“千村万户大走访”活动"]);
    assert_eq!(d.projects[0].kind, ProjectKind::Program);
}

#[test]
fn quoted_series_of_brands() {
    let d = doc("精心打造“书香银河”“乐动银河”“悦享银河”系列文化品牌。");
    assert_eq!(names(&d), ["书香银河", "乐动银河", "悦享银河"]);
}

#[test]
fn slogans_metaphors_and_formulas_are_not_projects() {
    let d = doc("坚决做到“两个维护”,当好经济发展“压舱石”,打通服务“最后一公里”,构建“1+3+N”工作格局,推进“科技引商”,推行“快审快批”。");
    assert!(d.projects.is_empty(), "{:?}", names(&d));
}

#[test]
fn construction_names_with_proper_modifiers() {
    let d = doc("加快推进南京溧水医院扩建项目和苏州工业园区配套建设,建成开放金鸡湖美术馆。");
    let n = names(&d);
    assert!(n.iter().any(|x| x.contains("溧水医院")), "{n:?}");
    assert!(n.contains(&"金鸡湖美术馆"), "{n:?}");
    assert!(d.projects.iter().all(|p| p.kind == ProjectKind::Construction));
}

#[test]
fn generic_phrases_are_not_projects() {
    let d = doc(
        "谋划一批城市更新项目,推动重大项目落地,充实招商项目库,新建社区卫生服务中心3个,完成老旧小区改造20个。",
    );
    assert!(d.projects.is_empty(), "{:?}", names(&d));
}

#[test]
fn items_of_a_list_closed_by_a_category() {
    let d = doc(
        "加快推进金沙江大道、西山湿地公园、城北数据中心等重大项目建设,布局商业设施、人才公寓等配套设施。",
    );
    let n = names(&d);
    assert!(n.contains(&"西山湿地公园"), "{n:?}");
    assert!(n.contains(&"城北数据中心"), "{n:?}");
    assert!(!n.iter().any(|x| x.contains("商业设施") || x.contains("人才公寓")), "{n:?}");
}

#[test]
fn enumeration_after_a_count_of_projects() {
    let d = doc(
        "今年新开工重点项目4个,分别是云栖智造园、青禾冷链物流中心、蓝湾医养综合体和北岸数据港,总投资20亿元。",
    );
    let n = names(&d);
    for want in ["青禾冷链物流中心", "蓝湾医养综合体", "北岸数据港"] {
        assert!(n.iter().any(|x| x.contains(want)), "{want} in {n:?}");
    }
    let d = doc("新签约3个项目,分别为华辰精密机械、启明新材料和远帆物流。");
    let n = names(&d);
    assert!(n.contains(&"华辰精密机械") && n.contains(&"远帆物流"), "{n:?}");
}

#[test]
fn enumeration_after_other_counts_names_no_projects() {
    let d = doc(
        "全镇共有规上企业3家,分别是甲乙化工、丙丁纺织和戊己电子;完成改革任务2项,分别是审批提速和监管下沉。",
    );
    assert!(d.projects.is_empty(), "{:?}", names(&d));
}

#[test]
fn list_category_after_three_nouns_or_with_jianshe() {
    let d = doc("全力推进滨江快速路、城东联络线等重大市政交通项目建设。");
    let n = names(&d);
    assert!(n.contains(&"滨江快速路") && n.contains(&"城东联络线"), "{n:?}");
}

#[test]
fn names_run_over_xin_and_a_trailing_gongcheng() {
    let d = doc("加快推进南山新材料基地建设,确保滨河路改造提升工程年底完工。");
    let n = names(&d);
    assert!(n.contains(&"南山新材料基地"), "{n:?}");
    assert!(n.contains(&"滨河路改造提升工程"), "{n:?}");
}

#[test]
fn list_items_keep_misread_one_character_words_and_compass_areas_are_places() {
    let d = doc("加快推进临江高铁站站前广场、县文体中心等项目建设,城北污水处理厂扩建项目进入设备安装阶段,完善街区示范区配套。");
    let n = names(&d);
    assert!(n.contains(&"临江高铁站站前广场"), "{n:?}");
    assert!(n.contains(&"城北污水处理厂扩建项目"), "{n:?}");
    assert!(!n.iter().any(|x| x.contains("街区示范区")), "{n:?}");
}

#[test]
fn one_listed_item_is_a_name_only_with_a_character_the_tagger_does_not_know() {
    // `犇` is tagged x by jieba: a brand, not a word.
    let d = doc("加速犇腾精密等项目建设投产,推进产业升级等项目建设。");
    let n = names(&d);
    assert_eq!(n, ["犇腾精密"], "{n:?}");
}

#[test]
fn a_shortened_quoted_reference_is_an_alias() {
    let d = doc("推动“钱塘云栖数字港”党群服务中心投入使用,在“云栖数字港”开展青年创业沙龙。");
    assert_eq!(d.projects.len(), 1, "{:?}", names(&d));
    assert_eq!(d.projects[0].mentions.len(), 2);
}

#[test]
fn aliases_are_merged_and_investment_read() {
    let d = doc("计划投资额逾30亿元的云栖科创园项目开工建设。年内云栖科创园完成主体结构。");
    assert_eq!(d.projects.len(), 1, "{:?}", names(&d));
    let p = &d.projects[0];
    assert_eq!(p.mentions.len(), 2);
    assert_eq!(p.investment.as_ref().map(|i| i.value), Some(30.0));
}

#[test]
fn list_closed_by_a_count_of_projects_with_money_before_each_item() {
    let d = doc("投资30亿元的青川数智产业园、12亿元的南岭高速扩容等6个项目开工建设。");
    let n = names(&d);
    assert!(n.contains(&"青川数智产业园"), "{n:?}");
    assert!(n.contains(&"南岭高速扩容"), "{n:?}");
    let money = |name: &str| {
        d.projects.iter().find(|p| p.name == name).and_then(|p| p.investment.as_ref()).map(|i| i.value)
    };
    assert_eq!(money("青川数智产业园"), Some(30.0));
    assert_eq!(money("南岭高速扩容"), Some(12.0));
}

#[test]
fn names_before_a_build_predicate_keep_their_own_brackets() {
    let d = doc("云溪大道、北湖路建成通车，城东污水处理厂（二期）投入使用。");
    let n = names(&d);
    for want in ["云溪大道", "北湖路", "城东污水处理厂（二期）"] {
        assert!(n.contains(&want), "{want} in {n:?}");
    }
}

#[test]
fn programmes_after_a_trigger_verb() {
    let d = doc("深入实施制造业提质增效三年行动，持续推进青川电网巩固提升工程。");
    let n = names(&d);
    assert!(n.contains(&"制造业提质增效三年行动"), "{n:?}");
    assert!(n.contains(&"青川电网巩固提升工程"), "{n:?}");
    assert!(d.projects.iter().any(|p| p.kind == ProjectKind::Program));
}

#[test]
fn counts_classes_and_numbered_sets_are_no_names() {
    let d = doc("打造五大中心，实施三大行动，新建社区卫生服务中心3个，改造老旧小区12个，建成两所高职学校。");
    assert!(d.projects.is_empty(), "{:?}", names(&d));
}

#[test]
fn numbered_headings_and_lines_of_their_own_are_names() {
    let d =
        doc("（一）乡村风貌提升行动。\n围绕村容村貌开展整治。\n专栏2  滨湖数字港建设工程\n新建机房两处。\n");
    let n = names(&d);
    assert!(n.contains(&"乡村风貌提升行动"), "{n:?}");
    assert!(n.contains(&"滨湖数字港建设工程"), "{n:?}");
}

#[test]
fn institutions_are_mentioned_not_built() {
    let d = doc("青川大学新校区建成投用，南岭农商银行开业运营。");
    let n = names(&d);
    assert!(n.iter().any(|x| x.contains("青川大学新校区")), "{n:?}");
    assert!(!n.iter().any(|x| x.contains("银行")), "{n:?}");
}

#[test]
fn a_quoted_phrase_alone_needs_a_frame() {
    let d = doc("创新推出“青禾e站”，让群众吃上“放心饭”。");
    assert_eq!(names(&d), ["青禾e站"]);
}

#[test]
fn brand_names_between_a_trigger_and_a_predicate() {
    let d = doc("积极争取鑫瀚电子、犇迪新材料签约落地。");
    let n = names(&d);
    assert!(n.contains(&"鑫瀚电子") && n.contains(&"犇迪新材料"), "{n:?}");
}

#[test]
fn a_category_after_deng_ends_at_its_first_head() {
    let d = doc("推动澜江物流园、青禾冷链中心等重点承接平台能级提升，海蓝化工等项目早日开工。");
    let n = names(&d);
    for want in ["澜江物流园", "青禾冷链中心", "海蓝化工"] {
        assert!(n.contains(&want), "{want} in {n:?}");
    }
}

#[test]
fn latin_codes_stay_in_framed_names() {
    let d = doc("加快推进S205青溪段改扩建和滨湖路TOD商务综合体建设。");
    let n = names(&d);
    assert!(n.iter().any(|x| x.starts_with("S205")), "{n:?}");
    assert!(n.iter().any(|x| x.contains("滨湖路TOD")), "{n:?}");
}

#[test]
fn a_clause_verb_before_a_name_is_cut_off() {
    let d = doc("持续推行“一网通”服务平台建设,新建改造碧溪公园等公园游园12处。");
    let n = names(&d);
    assert!(n.contains(&"“一网通”服务平台"), "{n:?}");
    assert!(n.contains(&"碧溪公园"), "{n:?}");
}

#[test]
fn a_numeral_that_begins_a_place_name_stays() {
    let d = doc("街道全力支持三江口智造创新集聚区的建设思路。");
    assert_eq!(names(&d), ["三江口智造创新集聚区"]);
}

#[test]
fn kinds_of_work_after_a_trigger_and_deng_are_no_names() {
    let d = doc("同步实施旧楼翻新、道路硬化和车位、管线等建设,提升群众满意度。");
    assert!(d.projects.is_empty(), "{:?}", names(&d));
}

#[test]
fn a_quantity_before_a_list_makes_classes() {
    let d = doc("支持建设一批智能制造示范工厂、共享实验室、技能培训基地等,给予适当补助。");
    assert!(d.projects.is_empty(), "{:?}", names(&d));
}

#[test]
fn a_second_name_after_and_is_its_own() {
    let d = doc("加快建设东湖生态新城和西岭科创新区。");
    let n = names(&d);
    assert!(!n.iter().any(|x| x.contains('和')), "{n:?}");
}

#[test]
fn a_proper_name_before_a_predicate_is_no_clause() {
    let d = doc("PM2.5年均浓度下降完成年度任务,5G网络建成投用。");
    assert!(d.projects.is_empty(), "{:?}", names(&d));
}

#[test]
fn a_date_inside_an_item_ends_the_name() {
    let d = doc("推动青松康养中心5月对外运营。");
    assert_eq!(names(&d), ["青松康养中心"]);
}

#[test]
fn a_quantity_rules_the_whole_clause_of_a_list() {
    // `推广` inside the list is a trigger of its own; `一批` still makes every item a class.
    let d = doc("支持建设一批产业创新中心、推广中心、共享服务平台、联合实验室等,按投资额给予补助。");
    assert!(d.projects.is_empty(), "{:?}", names(&d));
}

#[test]
fn a_time_word_or_a_count_after_a_name_is_cut_off() {
    let d = doc("柳溪中学迁建年后可投入使用,青山调水工程年底前建成通水,白鹭湾小学全部建成投用。");
    let n = names(&d);
    assert!(n.contains(&"柳溪中学迁建"), "{n:?}");
    assert!(n.contains(&"青山调水工程"), "{n:?}");
    assert!(n.contains(&"白鹭湾小学"), "{n:?}");
}

#[test]
fn a_table_header_cell_is_no_name() {
    let d = doc("序号\t任务名称\t牵头部门\t时间节点\n1\t建设松林湾污水处理厂\t区水务局\t2025年\n");
    let n = names(&d);
    assert!(!n.contains(&"时间节点"), "{n:?}");
}

#[test]
fn a_series_of_quotes_before_a_common_noun_qualifies_it() {
    let d =
        doc("杜绝“面子分”“关系分”的做法,保障“米缸子”“菜园子”的供给,持续优化“湘易通”“湘企达”政务协同平台。");
    let n = names(&d);
    assert!(!n.iter().any(|x| x.contains("分") || x.contains("子")), "{n:?}");
    assert!(n.contains(&"湘易通"), "{n:?}");
}

#[test]
fn an_attribute_the_tagger_takes_for_a_name_makes_no_name() {
    // `智能化/nr`: a mistagged attribute, no proper word.
    let d = doc("支持企业开展智能化改造,推进纺织企业智能化技术改造。");
    assert!(d.projects.is_empty(), "{:?}", names(&d));
}

#[test]
fn a_body_in_a_table_unit_column_is_no_project() {
    let d = doc("序号\t任务名称\t牵头部门\t完成时限\n1\t完善垃圾分类督查机制\t区城乡运行综合管理中心\t2025年\n2\t建成青松湾污水处理厂\t区水务局\t2025年\n");
    let n = names(&d);
    assert!(!n.iter().any(|x| x.contains("管理中心")), "{n:?}");
}

/// A plan the title names is the document, whatever period follows its name; names that
/// differ only in width or dash are one name.
#[test]
fn the_titles_plan_is_the_document_and_dashes_do_not_split_a_name() {
    let d = doc(
        "鹭川省人民政府办公厅关于印发支持智慧养老发展若干政策和鹭川省智慧养老创新发展行动计划(2024—2026年)的通知\n\n一、建设鹭川颐养中心。\n",
    );
    assert_eq!(names(&d), ["鹭川颐养中心"]);
    assert_eq!(super::merge::squeeze("“X计划”(2024—2026年)"), super::merge::squeeze("X计划（2024-2026年）"));
}

/// `各X`, `相关X`: a collective names a class of things, never one project.
#[test]
fn collectives_are_not_projects() {
    let d = doc("各县区园区要加快建设标准厂房,相关产业园同步推进,建成鹭川软件园。");
    assert_eq!(names(&d), ["鹭川软件园"]);
}
