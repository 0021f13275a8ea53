// MapLibre's own control texts (button titles, scale units) in the interface language: it ships English only.
import type { Locale } from '../i18n/messages';

const ZH: Record<string, string> = {
  'NavigationControl.ZoomIn': '放大',
  'NavigationControl.ZoomOut': '缩小',
  'NavigationControl.ResetBearing': '拖动旋转地图，点击恢复正北',
  'AttributionControl.ToggleAttribution': '显示/隐藏数据来源',
  'AttributionControl.MapFeedback': '地图反馈',
  'FullscreenControl.Enter': '进入全屏',
  'FullscreenControl.Exit': '退出全屏',
  'GeolocateControl.FindMyLocation': '定位我的位置',
  'GeolocateControl.LocationNotAvailable': '无法获取位置',
  'Map.Title': '地图',
  'Marker.Title': '标记',
  'Popup.Close': '关闭',
  'ScaleControl.Meters': '米',
  'ScaleControl.Kilometers': '公里',
  'CooperativeGesturesHandler.WindowsHelpText': '按住 Ctrl 键并滚动鼠标以缩放地图',
  'CooperativeGesturesHandler.MacHelpText': '按住 ⌘ 键并滚动以缩放地图',
  'CooperativeGesturesHandler.MobileHelpText': '用两根手指移动地图',
};

/** The `locale` option of a MapLibre map: Chinese texts, or MapLibre's English defaults. */
export function mapControlText(locale: Locale): Record<string, string> {
  return locale === 'en' ? {} : ZH;
}
