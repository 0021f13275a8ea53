-- Imports record which coordinate system a point came in (converted to WGS84 on the way in): WGS84, GCJ-02
-- (Amap/Tencent) or BD-09 (Baidu). NULL means the point was placed by the product (e.g. from its building).
ALTER TABLE enterprises ADD COLUMN coord_source text CHECK (coord_source IN ('wgs84', 'gcj02', 'bd09'));
ALTER TABLE stations ADD COLUMN coord_source text CHECK (coord_source IN ('wgs84', 'gcj02', 'bd09'));
ALTER TABLE activities ADD COLUMN coord_source text CHECK (coord_source IN ('wgs84', 'gcj02', 'bd09'));
