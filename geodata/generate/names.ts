// Name parts for synthetic buildings, enterprises and people. Combinations are invented: any match
// with a real entity is accidental. Person names exist only as private fields and never publish.
import type { BuildingKind } from '../../server/domain/vocabulary/index.js';

export const BUILDING_CORES = [
  '汇智', '瑞丰', '嘉诚', '鼎盛', '恒信', '华庭', '锦江', '云峰', '德润', '祥和', '联合', '金鼎', '银河', '星光',
  '博雅', '长荣', '东方', '新纪元', '宏达', '同和', '明珠', '益丰', '兴华', '安泰', '君悦', '和平', '荣华', '天元',
  '中汇', '诚品', '万联', '海德', '盛邦', '永利', '信和', '利通', '晨曦', '泰和', '宝利', '汇丰源',
];
export const BUILDING_SUFFIX: Record<BuildingKind, string[]> = {
  office: ['大厦', '商务楼', '中心', '大楼', '国际大厦'],
  complex: ['广场', '中心', '汇'],
  park: ['创意园', '科技园', '产业园'],
  market: ['市场', '商城'],
};
export const COMPANY_CORES = [
  '瑞达', '启航', '博远', '恒越', '智联', '星河', '云图', '嘉禾', '汇通', '鑫源', '卓越', '远景', '安信', '华腾',
  '新锐', '蓝海', '晨光', '立方', '拓维', '衡泰', '优品', '睿思', '锦程', '众合', '达观', '万象', '朗润', '佳木',
  '致远', '合力', '天成', '宏图', '明德', '信诺', '凯旋', '同创', '乐享', '雅集', '聚贤', '青禾', '点石', '领航',
];
export const INDUSTRIES: { name: string; word: string }[] = [
  { name: '金融', word: '投资管理' },
  { name: '信息技术', word: '信息科技' },
  { name: '商务服务', word: '企业管理咨询' },
  { name: '法律服务', word: '法律咨询' },
  { name: '广告传媒', word: '文化传媒' },
  { name: '零售', word: '商贸' },
  { name: '餐饮', word: '餐饮管理' },
  { name: '文化创意', word: '文化创意' },
  { name: '教育培训', word: '教育科技' },
  { name: '医药健康', word: '医药科技' },
  { name: '物流', word: '供应链管理' },
  { name: '房地产', word: '置业' },
  { name: '设计', word: '建筑设计' },
  { name: '电子商务', word: '电子商务' },
];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '桂英', '晓东', '海燕', '志强', '丽华', '建国'];
export const NO_ORG_REASONS = [
  '正式党员不足3人',
  '企业新入驻，正在摸排党员情况',
  '党员组织关系未转入',
  '企业规模小、人员流动大',
  '企业拟迁出本辖区',
  '无正式党员',
];
