//! A QGIS layer style (`.qml`, QGIS 3) for the places layer: points graduated by their
//! `total` score in five equal classes from 0 to the highest score shown, pale yellow
//! to dark red (ColorBrewer YlOrRd). Stored in `hotspots.gpkg`'s `layer_styles` (QGIS
//! applies it when the layer is added) and written beside it as `hotspots.qml`.

/// The five class colours, lowest score first (ColorBrewer YlOrRd, 5 classes), RGB.
const COLOURS: [(u8, u8, u8); 5] = [
    (255, 255, 178),
    (254, 204, 92),
    (253, 141, 60),
    (240, 59, 32),
    (189, 0, 38),
];

/// The score column the style graduates.
pub const SCORE: &str = "total";

/// The upper bounds of the five classes for scores up to `highest` (points): equal
/// steps from 0, the top one rounded up to a whole point so every score falls in a
/// class; 1 point when nothing scores.
pub fn class_bounds(highest: f64) -> [f64; 5] {
    let top = if highest.is_finite() && highest > 0.0 {
        highest.ceil()
    } else {
        1.0
    };
    [1.0, 2.0, 3.0, 4.0, 5.0].map(|k| top * k / 5.0)
}

/// The style for places whose highest `total` shown is `highest` points.
pub fn places_style(highest: f64) -> String {
    let bounds = class_bounds(highest);
    let mut ranges = String::new();
    let mut symbols = String::new();
    let mut lower = 0.0;
    for (k, (&upper, (r, g, b))) in bounds.iter().zip(COLOURS).enumerate() {
        ranges.push_str(&format!(
            "      <range lower=\"{lower}\" upper=\"{upper}\" symbol=\"{k}\" label=\"{lower} – {upper} points\" render=\"true\"/>\n"
        ));
        symbols.push_str(&marker(k, (r, g, b)));
        lower = upper;
    }
    format!(
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version=\"3.28.0\" styleCategories=\"Symbology\">
  <renderer-v2 type=\"graduatedSymbol\" attr=\"{SCORE}\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">
    <ranges>
{ranges}    </ranges>
    <symbols>
{symbols}    </symbols>
    <mode name=\"equal\"/>
    <rotation/>
    <sizescale/>
    <labelformat format=\"%1 – %2 points\" decimalplaces=\"1\" trimtrailingzeroes=\"1\"/>
  </renderer-v2>
  <layerGeometryType>0</layerGeometryType>
</qgis>
"
    )
}

/// Symbol `k`: a circle of 3 mm filled with the class colour, a thin dark outline.
fn marker(k: usize, (r, g, b): (u8, u8, u8)) -> String {
    format!(
        "      <symbol type=\"marker\" name=\"{k}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">
        <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">
          <Option type=\"Map\">
            <Option name=\"color\" type=\"QString\" value=\"{r},{g},{b},255\"/>
            <Option name=\"name\" type=\"QString\" value=\"circle\"/>
            <Option name=\"size\" type=\"QString\" value=\"3\"/>
            <Option name=\"size_unit\" type=\"QString\" value=\"MM\"/>
            <Option name=\"outline_color\" type=\"QString\" value=\"35,35,35,255\"/>
            <Option name=\"outline_width\" type=\"QString\" value=\"0.2\"/>
          </Option>
        </layer>
      </symbol>
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_classes_cover_every_score() {
        assert_eq!(class_bounds(42.3), [8.6, 17.2, 25.8, 34.4, 43.0]);
        assert_eq!(class_bounds(0.0), [0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(class_bounds(f64::NAN)[4], 1.0);
    }

    #[test]
    fn the_style_graduates_total_in_five_ranges() {
        let s = places_style(10.0);
        assert!(s.contains("type=\"graduatedSymbol\" attr=\"total\""));
        assert_eq!(s.matches("<range ").count(), 5);
        assert_eq!(s.matches("<symbol ").count(), 5);
        assert!(s.contains("lower=\"8\" upper=\"10\""));
        assert!(s.contains("189,0,38,255"));
    }
}
