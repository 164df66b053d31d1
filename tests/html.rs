//! A saved government web page: text extracted with an HTML parser, furniture dropped,
//! spans pointing into the extracted text.

const PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某区2024年重点工作任务 - 某区人民政府网</title>
<style>.x{color:red}</style><script>var n = "123亿元"; document.write("<p>忽略</p>");</script></head>
<body>
<nav><a href="/">首页</a> | <a href="/zw">政务公开</a></nav>
<div class="article">
<h1>某区2024年重点工作任务</h1>
<p>一、主要目标</p>
<p>全年地区生产总值增长6%左右，固定资产投资完成&nbsp;45亿元。</p>
<p>二、重点任务</p>
<p>（一）推进重大项目建设。加快建设滨江公园。（责任单位：区发改委、区住建局）</p>
<table><tr><td>序号</td><td>任务</td><td>责任单位</td></tr>
<tr><td>1</td><td>完成老旧小区改造20个</td><td>区住建局</td></tr></table>
</div>
<div class="footer"><p>扫一扫在手机打开当前页</p><p>版权所有：某区人民政府 ICP备12345678号</p></div>
</body></html>"#;

#[test]
fn html_page_text_and_spans() {
    let decoded = zhengce::decode::decode(PAGE.as_bytes(), "page.html").unwrap();
    let text: Vec<char> = decoded.text.chars().collect();
    assert!(!decoded.text.contains("忽略") && !decoded.text.contains("var n"));
    assert!(!decoded.text.contains("政务公开"), "navigation must be dropped");
    assert!(decoded.text.contains("1\t完成老旧小区改造20个\t区住建局"));

    let pipeline = zhengce::Pipeline::new().unwrap();
    let zhengce::Record::Document(doc) = pipeline.extract_bytes("page.html", PAGE.as_bytes()) else {
        panic!("expected a document")
    };
    assert_eq!(doc.chars, text.len());
    assert_eq!(doc.title.as_deref(), Some("某区2024年重点工作任务"));
    let invest = doc.targets.iter().find(|t| t.value == 45.0).expect("45亿元 found");
    let quoted: String = text[invest.span[0]..invest.span[1]].iter().collect();
    assert!(quoted.contains("45"), "{quoted}");
    assert_eq!(invest.unit, "亿元");
    assert!(doc.units.iter().any(|u| u.name == "区发改委"));
    // The footer is recognised as boilerplate, and nothing is extracted from it.
    let footer = decoded.text.find("扫一扫").unwrap();
    let footer = decoded.text[..footer].chars().count();
    assert!(doc.boilerplate.iter().any(|[s, e]| *s <= footer && footer < *e));
    assert!(doc.targets.iter().all(|t| t.span[0] < footer));
}
